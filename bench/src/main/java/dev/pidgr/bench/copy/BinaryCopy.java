package dev.pidgr.bench.copy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows in PostgreSQL's binary COPY format, built in memory before the clock starts and cut into
 * chunks of about 1 MiB: the header, per row a field count and each field's length and bytes, and
 * the trailer (see the COPY documentation, "Binary Format").
 */
public final class BinaryCopy {

    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in microseconds since 1970. */
    static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int CHUNK = 1 << 20;

    private final List<byte[]> chunks = new ArrayList<>();
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 64 * 1024);
    private DataOutputStream out = new DataOutputStream(buffer);
    private long rows;

    public BinaryCopy() {
        write(() -> {
            out.write(SIGNATURE);
            out.writeInt(0); // flags: no OIDs
            out.writeInt(0); // no header extension
        });
    }

    /**
     * One row; each field a String (text), Short (smallint), Integer (int), Instant (timestamptz), byte[] (bytea) or
     * null.
     */
    public BinaryCopy row(Object... fields) {
        write(() -> {
            out.writeShort(fields.length);
            for (Object field : fields) {
                field(field);
            }
        });
        rows++;
        if (buffer.size() >= CHUNK) {
            cut();
        }
        return this;
    }

    private void field(Object field) throws IOException {
        switch (field) {
            case null -> out.writeInt(-1);
            case String text -> bytes(text.getBytes(StandardCharsets.UTF_8));
            case Short value -> {
                out.writeInt(2);
                out.writeShort(value);
            }
            case Integer value -> {
                out.writeInt(4);
                out.writeInt(value);
            }
            case Instant time -> {
                out.writeInt(8);
                out.writeLong(micros(time) - POSTGRES_EPOCH_MICROS);
            }
            case byte[] value -> bytes(value);
            default -> throw new IllegalArgumentException("no binary COPY encoding for " + field.getClass());
        }
    }

    private void bytes(byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    /** Ends the data (the trailer) and returns it in chunks. */
    public List<byte[]> finish() {
        write(() -> out.writeShort(-1));
        cut();
        return List.copyOf(chunks);
    }

    public long rows() {
        return rows;
    }

    private void cut() {
        if (buffer.size() > 0) {
            chunks.add(buffer.toByteArray());
            buffer = new ByteArrayOutputStream(CHUNK + 64 * 1024);
            out = new DataOutputStream(buffer);
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }
}
