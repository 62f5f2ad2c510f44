package dev.pidgr.query;

import java.sql.SQLException;

/** A read could not reach PostgreSQL or failed there: UNAVAILABLE at the edge. */
public final class ReadFailedException extends RuntimeException {

    public ReadFailedException(SQLException cause) {
        super("projection read failed: " + cause.getMessage(), cause);
    }
}
