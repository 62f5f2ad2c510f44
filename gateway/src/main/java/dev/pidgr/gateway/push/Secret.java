package dev.pidgr.gateway.push;

/**
 * Key material read from a variable or a file. Its {@code toString} never shows the value, so a settings record
 * that holds one can be logged whole.
 */
public record Secret(String value) {

    @Override
    public String toString() {
        return "[secret]";
    }
}
