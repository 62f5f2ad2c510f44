package dev.pidgr.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Logs one retried race of Kafka's transactions v2 at WARN instead of ERROR (docs/operations.md,
 * "Broker lines that are not faults"). When a transaction's first batch to a partition is answered
 * CONCURRENT_TRANSACTIONS (the previous transaction is still being completed) while a later batch of
 * the same partition is already in flight, the embedded broker refuses the later one with
 * {@code OutOfOrderSequenceException ... Expected sequence 0 for transactions v2 ...} and logs it at
 * ERROR with its stack; the producer resends it after the first, and nothing is lost. Any other
 * broker error is left as it is.
 */
public final class SequenceRaceFilter extends TurboFilter {

    static final String BROKER_LOGGER = "kafka.server.ReplicaManager";
    static final String RACE = "Expected sequence 0 for transactions v2";
    static final org.slf4j.Logger RETRIED = LoggerFactory.getLogger("dev.pidgr.app.logging.BrokerSequenceRace");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level != Level.ERROR || !BROKER_LOGGER.equals(logger.getName()) || !isRace(t)) {
            return FilterReply.NEUTRAL;
        }
        RETRIED.warn("{}: {} (a batch sent while the transaction's first was answered CONCURRENT_TRANSACTIONS;"
                + " the producer resends it, nothing is lost)", format, t.getMessage());
        return FilterReply.DENY;
    }

    private static boolean isRace(Throwable t) {
        return t instanceof OutOfOrderSequenceException && t.getMessage() != null && t.getMessage().contains(RACE);
    }
}
