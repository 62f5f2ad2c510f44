package dev.pidgr.bench.copy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Rows in PostgreSQL's text COPY format (COPY's default): one line per row, fields separated by
 * tabs, {@code \N} for null, backslash escapes in text, bytea as {@code \\x<hex>}; cut into chunks
 * of about 1 MiB.
 */
public final class TextCopy {

    private static final int CHUNK = 1 << 20;
    private static final HexFormat HEX = HexFormat.of();

    private final List<byte[]> chunks = new ArrayList<>();
    private final StringBuilder line = new StringBuilder(4096);
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 64 * 1024);
    private long rows;

    /**
     * One row; each field a String (text), Short or Integer (numbers), Instant (timestamptz), byte[] (bytea) or null.
     */
    public TextCopy row(Object... fields) {
        line.setLength(0);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            field(fields[i]);
        }
        line.append('\n');
        buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        rows++;
        if (buffer.size() >= CHUNK) {
            cut();
        }
        return this;
    }

    private void field(Object field) {
        switch (field) {
            case null -> line.append("\\N");
            case String text -> escape(text);
            case Short value -> line.append(value);
            case Integer value -> line.append(value);
            case Instant time -> line.append(time);
            case byte[] value -> line.append("\\\\x").append(HEX.formatHex(value));
            default -> throw new IllegalArgumentException("no text COPY encoding for " + field.getClass());
        }
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }

    public List<byte[]> finish() {
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
        }
    }
}
