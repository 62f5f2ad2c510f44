package dev.pidgr.app.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a node's roles are ready. A role counts as ready from the first time it reports ready:
 * a Kafka Streams processor goes back to REBALANCING whenever a process joins or leaves its group,
 * which is normal operation, not a reason for the api to stop serving. A processor whose client
 * stopped (its stream threads died) is a failure instead: not ready, and the process should exit.
 */
final class Readiness {

    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private final Map<Role, BooleanSupplier> roles = new ConcurrentHashMap<>();
    private final Map<Role, Boolean> becameReady = new ConcurrentHashMap<>();
    private final Map<String, KafkaStreams> processors = new ConcurrentHashMap<>();
    private final List<Supplier<Optional<String>>> failures = new CopyOnWriteArrayList<>();
    private volatile boolean allStarted;
    private volatile boolean closing;

    void role(Role role, BooleanSupplier ready) {
        roles.put(role, ready);
    }

    void processor(Role role, String name, KafkaStreams streams) {
        processors.put(name, streams);
        role(role, () -> streams.state() == KafkaStreams.State.RUNNING);
    }

    /** A role that is not a Kafka Streams processor says here why it stopped for good, if it did. */
    void failing(Supplier<Optional<String>> failure) {
        failures.add(failure);
    }

    void allStarted() {
        allStarted = true;
    }

    void closing() {
        closing = true;
    }

    boolean isReady() {
        if (!allStarted || closing || failure().isPresent()) {
            return false;
        }
        for (Map.Entry<Role, BooleanSupplier> role : roles.entrySet()) {
            if (!becameReady.containsKey(role.getKey())) {
                if (!role.getValue().getAsBoolean()) {
                    return false;
                }
                becameReady.put(role.getKey(), true);
            }
        }
        return true;
    }

    /** Waits until ready, saying every 30 s which roles it waits for; throws on a failure or after {@code timeout}. */
    void await(Duration timeout) throws InterruptedException {
        long startedAt = System.nanoTime();
        long nextReport = startedAt + REPORT_EVERY.toNanos();
        while (!isReady()) {
            Optional<String> failure = failure();
            if (failure.isPresent()) {
                throw new IllegalStateException(failure.get());
            }
            long now = System.nanoTime();
            if (now - startedAt > timeout.toNanos()) {
                throw new IllegalStateException(
                        "roles " + pending() + " not ready within " + timeout + "; see the log above");
            }
            if (now > nextReport) {
                LOG.info("waiting for roles {} to become ready", pending());
                nextReport = now + REPORT_EVERY.toNanos();
            }
            Thread.sleep(50);
        }
    }

    /** The roles that have not become ready yet. */
    List<Role> pending() {
        return roles.entrySet().stream()
                .filter(r ->
                        !becameReady.containsKey(r.getKey()) && !r.getValue().getAsBoolean())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    Optional<String> failure() {
        if (closing) {
            return Optional.empty();
        }
        for (Map.Entry<String, KafkaStreams> processor : processors.entrySet()) {
            KafkaStreams.State state = processor.getValue().state();
            if (state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.ERROR
                    || state == KafkaStreams.State.PENDING_SHUTDOWN || state == KafkaStreams.State.NOT_RUNNING) {
                return Optional.of(
                        "the " + processor.getKey() + " processor stopped (" + state + "); see the log above");
            }
        }
        return failures.stream().map(Supplier::get).flatMap(Optional::stream).findFirst();
    }
}
