package dev.pidgr.query;

/** A page token that was forged, belongs to another organization or to another query: INVALID_ARGUMENT at the edge. */
public final class InvalidPageTokenException extends RuntimeException {

    public InvalidPageTokenException(String message) {
        super(message);
    }
}
