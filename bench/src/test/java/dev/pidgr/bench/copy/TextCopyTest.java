package dev.pidgr.bench.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextCopyTest {

    private static String text(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteOneTabSeparatedLinePerRow() {
        String data = text(new TextCopy()
                .row(
                        "a",
                        (short) 2,
                        7,
                        Instant.parse("2026-11-30T08:00:00.000123Z"),
                        new byte[] {0x0f, (byte) 0xa0},
                        null)
                .finish());

        assertThat(data).isEqualTo("a\t2\t7\t2026-11-30T08:00:00.000123Z\t\\\\x0fa0\t\\N\n");
    }

    @Test
    void shouldEscapeBackslashesTabsAndLineBreaksInText() {
        String data = text(new TextCopy().row("a\\b\tc\nd\re").finish());

        assertThat(data).isEqualTo("a\\\\b\\tc\\nd\\re\n");
    }

    @Test
    void shouldRefuseATypeItCannotEncode() {
        assertThatThrownBy(() -> new TextCopy().row(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
