package dev.pidgr.contract.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedWriterTest {

    private static final String SMILE = "\uD83D\uDE00";

    @Test
    void shouldKeepEverythingThatFitsTheLimit() {
        BoundedWriter out = new BoundedWriter(5);

        out.write("abc");
        out.write("de".toCharArray(), 0, 2);

        assertThat(out.toString()).isEqualTo("abcde");
        assertThat(out.full()).isFalse();
    }

    @Test
    void shouldStopAtTheFirstWriteThatDoesNotFitAndKeepWhatFits() {
        BoundedWriter out = new BoundedWriter(5);
        out.write("abc");

        assertThatThrownBy(() -> out.write("defgh")).isInstanceOf(BoundedWriter.Full.class);

        assertThat(out.toString()).isEqualTo("abcde");
        assertThat(out.full()).isTrue();
        assertThatThrownBy(() -> out.write("")).as("nothing more is taken").isInstanceOf(BoundedWriter.Full.class);
    }

    @Test
    void shouldCountCodePointsAndNeverSplitASurrogatePair() {
        BoundedWriter out = new BoundedWriter(3);

        assertThatThrownBy(() -> out.write("ab" + SMILE + SMILE)).isInstanceOf(BoundedWriter.Full.class);

        assertThat(out.toString()).isEqualTo("ab" + SMILE);
    }

    @Test
    void shouldJoinAPairSplitAcrossTwoWrites() {
        BoundedWriter out = new BoundedWriter(2);
        out.write("a\uD83D");

        assertThatThrownBy(() -> out.write("\uDE00b")).isInstanceOf(BoundedWriter.Full.class);

        assertThat(out.toString()).isEqualTo("a" + SMILE);
    }

    @Test
    void shouldKeepExactlyWhatCuttingTheWholeTextWouldKeepHoweverItIsWritten() {
        Random random = new Random(42);
        String alphabet = "ab" + SMILE + "\uD83D\uDE00\uDE00\uD83D"; // pairs, and lone surrogates both ways
        for (int run = 0; run < 5_000; run++) {
            StringBuilder whole = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                whole.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            int limit = random.nextInt(20);
            BoundedWriter out = new BoundedWriter(limit);
            try {
                for (int at = 0; at < whole.length(); ) {
                    int len = Math.min(whole.length() - at, random.nextInt(6));
                    out.write(whole.toString(), at, len);
                    at += len;
                }
            } catch (BoundedWriter.Full e) {
                assertThat(out.full()).isTrue();
            }

            assertThat(out.toString())
                    .as("%s cut to %d", whole, limit)
                    .isEqualTo(PlainText.cut(whole.toString(), limit));
        }
    }
}
