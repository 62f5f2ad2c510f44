package dev.pidgr.contract.render;

import java.io.Writer;

/**
 * Where a template renders to: keeps at most {@code limit} code points (a surrogate pair is never
 * split) and, at the first write that does not fit, keeps what fits and throws {@link Full}, so
 * that the rendering stops there instead of producing the rest to be cut afterwards. What it keeps
 * is exactly {@code PlainText.cut(wholeRendering, limit)}; it never holds more than
 * {@code 2 * limit} chars. Until the text is {@code limit} chars long (code points are never more
 * than chars) a write is one length check and an append; code points are counted only past that.
 */
final class BoundedWriter extends Writer {

    /** Thrown when the limit is reached; the rendering library wraps it, so ask {@link #full()}. */
    static final class Full extends RuntimeException {
        Full() {
            super("the rendered text reached its limit", null, false, false);
        }
    }

    private final int limit;
    private final StringBuilder text = new StringBuilder();
    private int codePoints = -1; // counted once the text is longer than the limit in chars
    private boolean full;

    BoundedWriter(int limit) {
        this.limit = limit;
    }

    /** Whether the rendering was stopped at the limit. */
    boolean full() {
        return full;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    @Override
    public void write(String s, int off, int len) {
        if (text.length() + len <= limit && !full) {
            text.append(s, off, off + len);
        } else {
            slow(s, off, len);
        }
    }

    @Override
    public void write(String s) {
        write(s, 0, s.length());
    }

    @Override
    public void write(char[] chars, int off, int len) {
        if (text.length() + len <= limit && !full) {
            text.append(chars, off, len);
        } else {
            slow(new String(chars, off, len), 0, len);
        }
    }

    @Override
    public void write(int c) {
        write(String.valueOf((char) c));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** Appends the code points of {@code s} that fit; throws {@link Full} when some do not. */
    private void slow(CharSequence s, int off, int len) {
        if (full) {
            throw new Full();
        }
        if (codePoints < 0) {
            codePoints = text.codePointCount(0, text.length());
        }
        int i = off;
        int end = off + len;
        if (i < end && Character.isLowSurrogate(s.charAt(i)) && !text.isEmpty()
                && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            i++; // completes the pair already counted
        }
        while (i < end && codePoints < limit) {
            boolean pair =
                    Character.isHighSurrogate(s.charAt(i)) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1));
            i += pair ? 2 : 1;
            codePoints++;
        }
        text.append(s, off, i);
        if (i < end) {
            full = true;
            throw new Full();
        }
    }
}
