package dev.pidgr.faults.support;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;

/** One call made during an outage: how it ended and how long it took. */
public record Probe(String call, Status.Code code, Duration took) {

    /** How long docs/api.md lets a call take to say UNAVAILABLE (5 s), plus slack for a loaded 2-core machine. */
    public static final Duration PROMPTLY = Duration.ofSeconds(5).plusSeconds(5);

    /** Makes the call (its stub should carry a deadline well beyond {@link #PROMPTLY}) and records the outcome. */
    public static Probe of(String call, Runnable body) {
        long started = System.nanoTime();
        Status.Code code;
        try {
            body.run();
            code = Status.Code.OK;
        } catch (StatusRuntimeException e) {
            code = e.getStatus().getCode();
        }
        return new Probe(call, code, Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public String toString() {
        return call + " " + code + " in " + took.toMillis() + " ms";
    }
}
