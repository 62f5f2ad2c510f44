package dev.pidgr.command.kafka;

import com.google.protobuf.Message;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.CommandResult;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.StreamsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps every command goes through, in order: the deadline, the idempotency key, the decision,
 * then (all in the caller's transaction) the events, the new state, the result and the remembered key.
 * An exception while deciding becomes an INTERNAL result and a dead letter; the stream goes on.
 */
final class CommandPipeline<C extends Message> {

    private static final Logger LOG = LoggerFactory.getLogger(CommandPipeline.class);

    /** Whether the command was answered, or may wait for a template to appear. */
    sealed interface Outcome {
        /** Answered: accepted, refused, replayed or dead-lettered. */
        record Done() implements Outcome {
        }

        /**
         * Refused only because a template lookup missed, within the grace period: {@code plan} is the
         * refusal, and the command may wait until {@code wakeAt}, its grace end or deadline, whichever is first.
         */
        record Wait(Plan plan, long wakeAt) implements Outcome {
        }
    }

    private static final Outcome DONE = new Outcome.Done();

    private final CommandParsing.Shape<C> shape;
    private final Plan.Planner<C> planner;
    private final IdempotencyStore idempotency;
    private final Outputs out;
    private final Duration grace;

    CommandPipeline(CommandParsing.Shape<C> shape, Plan.Planner<C> planner, IdempotencyStore idempotency, Outputs out,
                    Duration grace) {
        this.shape = shape;
        this.planner = planner;
        this.idempotency = idempotency;
        this.out = out;
        this.grace = grace;
    }

    Outcome handle(C command, long now, long timestamp, Outputs.Raw raw) {
        return run(command, now, timestamp, () -> raw, planner::plan, true);
    }

    /**
     * Answers a command that waited for a template with the refusal it was decided with, now that its grace
     * period is over and the catalog answers its lookups as before (unless its deadline passed meanwhile).
     * Remembered under its idempotency key, as any decision. {@code raw} is read only to dead-letter it.
     */
    void conclude(C command, CommandResult decided, long now, long timestamp, Supplier<Outputs.Raw> raw) {
        run(command, now, timestamp, raw, c -> Plan.decided(decided), true);
    }

    /**
     * Refuses a command the parking lot has no room for. Not remembered under its idempotency key: the
     * command was not decided in full, so a retry is.
     */
    void refuse(C command, CommandResult refusal, long now, long timestamp, Outputs.Raw raw) {
        run(command, now, timestamp, () -> raw, c -> Plan.decided(refusal), false);
    }

    private Outcome run(C command, long now, long timestamp, Supplier<Outputs.Raw> raw, Function<C, Plan> planning,
                        boolean remember) {
        CommandMetadata m = shape.metadata().apply(command);
        String id = shape.aggregateId().apply(command);
        String rpc = m.getRpc().isEmpty() ? payloadName(command) : m.getRpc();
        long started = System.nanoTime();
        Plan plan;
        try {
            CommandResult early = earlyAnswer(command, m, id, rpc, now);
            if (early != null) {
                answer(early, timestamp);
                return DONE;
            }
            plan = planning.apply(command);
        } catch (StreamsException e) {
            throw e;
        } catch (RuntimeException e) {
            internal(m.getCommandId(), id, raw.get(), e, timestamp);
            return DONE;
        }
        long graceEnd = Timestamps.toMillis(m.getIssuedAt()) + grace.toMillis();
        if (plan.awaitingTemplate() && now < graceEnd) {
            return new Outcome.Wait(
                    plan, m.hasDeadline() ? Math.min(graceEnd, Timestamps.toMillis(m.getDeadline())) : graceEnd);
        }
        apply(plan, timestamp);
        if (!plan.events().isEmpty()) {
            LOG.info(
                    "{} {} for {}: {} event(s), now at version {} ({} ms)",
                    rpc,
                    m.getCommandId(),
                    id,
                    plan.events().size(),
                    plan.result().getVersion(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        if (remember) {
            idempotency.remember(m, rpc, id, plan.result(), now);
        }
        return DONE;
    }

    /** The answer for a command that is not decided at all: past its deadline, or a known idempotency key. */
    private CommandResult earlyAnswer(C command, CommandMetadata m, String id, String rpc, long now) {
        if (m.hasDeadline() && Timestamps.toMillis(m.getDeadline()) <= now) {
            return Results.rejected(
                    m.getCommandId(), id, planner.visibleVersion(command), Rejection.deadlineExceeded());
        }
        return switch (idempotency.lookup(m, rpc, id, now)) {
            case IdempotencyStore.Lookup.Replay r -> r.first();
            case IdempotencyStore.Lookup.Conflict c ->
                Results.rejected(
                        m.getCommandId(),
                        id,
                        planner.visibleVersion(command),
                        Rejection.alreadyExists(
                                "idempotency key was already used for a different " + rpc + " request"));
            case IdempotencyStore.Lookup.Fresh f -> null;
        };
    }

    /** Events, new state and result, all in the caller's transaction. */
    private void apply(Plan plan, long timestamp) {
        plan.events().forEach(e -> out.event(e, timestamp));
        plan.save().run();
        out.result(plan.result(), timestamp);
        if (plan.events().isEmpty()) {
            log(plan.result());
        }
    }

    /** An unreadable record: logged in one line, dead-lettered, and answered when its command id is known. */
    void poison(Outputs.Raw raw, CommandParsing.Parsed.Poison<C> poison, long timestamp) {
        LOG.warn(
                "unreadable {} at {} (command {}): {}; parked on the dead-letter topic",
                shape.typeName(),
                raw.source(),
                poison.commandId(),
                poison.reason());
        out.deadLetter(raw, poison.reason(), timestamp);
        if (poison.commandId() != null) {
            out.result(
                    Results.rejected(poison.commandId(), raw.key(), 0, Rejection.invalid("record", poison.reason())),
                    timestamp);
        }
    }

    private void internal(String commandId, String aggregateId, Outputs.Raw raw, RuntimeException e, long timestamp) {
        LOG.error(
                "command {} for {} failed while being decided; parked on the dead-letter topic",
                commandId,
                aggregateId,
                e);
        out.deadLetter(raw, "internal error: " + e.getClass().getName(), timestamp);
        out.result(Results.rejected(commandId, aggregateId, 0,
                Rejection.internal("the command could not be processed; it was not applied")), timestamp);
    }

    private void answer(CommandResult result, long timestamp) {
        out.result(result, timestamp);
        log(result);
    }

    private static void log(CommandResult result) {
        if (result.hasRejected()) {
            LOG.debug("command {} for {}: {} {}", result.getCommandId(), result.getAggregateId(),
                    result.getRejected().getCode(), result.getRejected().getMessage());
        } else {
            LOG.debug(
                    "command {} for {}: accepted at version {}",
                    result.getCommandId(),
                    result.getAggregateId(),
                    result.getVersion());
        }
    }

    /** The payload's field name ("create_campaign") stands in for a missing rpc. */
    private static String payloadName(Message command) {
        return command.getOneofFieldDescriptor(command.getDescriptorForType().getRealOneofs().get(0)).getName();
    }
}
