package dev.pidgr.api.gateway;

import dev.pidgr.events.v1.Rejected;

/** The command side refused a command; the edge turns {@link #rejected()} into a gRPC status. */
public final class CommandRejectedException extends RuntimeException {

    private final transient Rejected rejected;

    public CommandRejectedException(Rejected rejected) {
        super(rejected.getCode() + ": " + rejected.getMessage(), null, false, false);
        this.rejected = rejected;
    }

    public Rejected rejected() {
        return rejected;
    }
}
