package dev.pidgr.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Logs one retried race of Kafka's transactions v2 at WARN instead of ERROR (docs/operations.md,
 * "Broker lines that are not faults"). When a transaction's first batch to a partition is answered
 * CONCURRENT_TRANSACTIONS (the previous transaction is still being completed) while a later batch of
 * the same partition is already in flight, the embedded broker refuses the later one with
 * {@code OutOfOrderSequenceException ... Expected sequence 0 for transactions v2 ...} and logs it at
 * ERROR with its stack; the producer resends it after the first, and nothing is lost. Batches of the
 * same partition still further behind, sent before the producer knew, then arrive after the retried
 * first landed and are refused as {@code Out of order sequence number for producer P ... in partition
 * X: 291 (incoming seq. number), 0 (current end sequence number)}; such a refusal is the same race only
 * when that producer's batch to that partition was refused as above within {@link #FOLLOW_ON_MILLIS},
 * and is logged the same way. Any other broker error is left as it is.
 */
public final class SequenceRaceFilter extends TurboFilter {

    static final String BROKER_LOGGER = "kafka.server.ReplicaManager";
    static final String RACE = "Expected sequence 0 for transactions v2";
    static final String FOLLOW_ON = "(current end sequence number)";
    static final long FOLLOW_ON_MILLIS = 10_000;
    static final org.slf4j.Logger RETRIED = LoggerFactory.getLogger("dev.pidgr.app.logging.BrokerSequenceRace");
    private static final Pattern PRODUCER_PARTITION =
            Pattern.compile("for producer (\\d+) at offset \\d+ in partition (\\S+):");
    private static final int REMEMBERED = 1024;

    /** Producer and partition of each recent race refusal, oldest first, with when it was logged. */
    private final Map<String, Long> races = new LinkedHashMap<>();
    private final LongSupplier clock;

    public SequenceRaceFilter() {
        this(System::currentTimeMillis);
    }

    SequenceRaceFilter(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level != Level.ERROR || !BROKER_LOGGER.equals(logger.getName())
                || !(t instanceof OutOfOrderSequenceException) || t.getMessage() == null) {
            return FilterReply.NEUTRAL;
        }
        if (!isRace(t.getMessage())) {
            return FilterReply.NEUTRAL;
        }
        RETRIED.warn("{}: {} (a batch sent while the transaction's first was answered CONCURRENT_TRANSACTIONS;"
                + " the producer resends it, nothing is lost)", format, t.getMessage());
        return FilterReply.DENY;
    }

    /** Whether the refusal is the race, or follows one of the same producer and partition; remembers races. */
    private synchronized boolean isRace(String message) {
        Matcher m = PRODUCER_PARTITION.matcher(message);
        String key = m.find() ? m.group(1) + " " + m.group(2) : null;
        long now = clock.getAsLong();
        races.values().removeIf(at -> now - at > FOLLOW_ON_MILLIS);
        if (message.contains(RACE)) {
            if (key != null) {
                races.remove(key);
                races.put(key, now);
                if (races.size() > REMEMBERED) {
                    races.remove(races.keySet().iterator().next());
                }
            }
            return true;
        }
        return key != null && message.contains(FOLLOW_ON) && races.containsKey(key);
    }
}
