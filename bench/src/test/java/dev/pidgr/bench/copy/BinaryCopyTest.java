package dev.pidgr.bench.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryCopyTest {

    private static byte[] joined(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void shouldFrameRowsWithTheSignatureHeaderAndTrailer() {
        byte[] data = joined(new BinaryCopy().finish());

        ByteBuffer expected = ByteBuffer.allocate(11 + 4 + 4 + 2)
                .put(BinaryCopy.SIGNATURE).putInt(0).putInt(0).putShort((short) -1);
        assertThat(data).isEqualTo(expected.array());
    }

    @Test
    void shouldEncodeEachFieldWithItsLength() {
        Instant at = Instant.parse("2000-01-01T00:00:01.000002Z");

        byte[] data = joined(new BinaryCopy().row("ab", (short) 2, 7, at, new byte[] {9}, null).finish());

        ByteBuffer row = ByteBuffer.wrap(Arrays.copyOfRange(data, 19, data.length - 2));
        assertThat(row.getShort()).isEqualTo((short) 6);
        assertThat(row.getInt()).isEqualTo(2);
        assertThat(new byte[] {row.get(), row.get()}).isEqualTo(new byte[] {'a', 'b'});
        assertThat(row.getInt()).isEqualTo(2);
        assertThat(row.getShort()).isEqualTo((short) 2);
        assertThat(row.getInt()).isEqualTo(4);
        assertThat(row.getInt()).isEqualTo(7);
        assertThat(row.getInt()).isEqualTo(8);
        assertThat(row.getLong()).isEqualTo(1_000_002L); // microseconds since 2000-01-01
        assertThat(row.getInt()).isEqualTo(1);
        assertThat(row.get()).isEqualTo((byte) 9);
        assertThat(row.getInt()).isEqualTo(-1);
        assertThat(row.hasRemaining()).isFalse();
    }

    @Test
    void shouldCutLargeDataIntoChunksOfAboutOneMebibyte() {
        BinaryCopy copy = new BinaryCopy();
        byte[] message = new byte[1000];
        for (int i = 0; i < 3000; i++) {
            copy.row(message);
        }

        List<byte[]> chunks = copy.finish();

        assertThat(copy.rows()).isEqualTo(3000);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks.getFirst().length).isBetween(1 << 20, (1 << 20) + 1100);
        assertThat(joined(chunks).length).isEqualTo(19 + 3000 * (2 + 4 + 1000) + 2);
    }

    @Test
    void shouldRefuseATypeItCannotEncode() {
        assertThatThrownBy(() -> new BinaryCopy().row(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
