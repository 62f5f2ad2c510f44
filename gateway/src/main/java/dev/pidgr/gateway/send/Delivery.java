package dev.pidgr.gateway.send;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.Channel;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.DeactivateDevice;
import dev.pidgr.events.v1.DeactivationReason;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.events.v1.ReceiptOutcome;
import dev.pidgr.gateway.channel.Attempt;
import dev.pidgr.gateway.channel.ChannelSender;
import dev.pidgr.gateway.channel.Outgoing;
import dev.pidgr.gateway.receipt.Receipts;
import dev.pidgr.gateway.retry.RetryPolicy;
import dev.pidgr.gateway.route.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Delivers one push request to its targets: each target's attempts run through its channel's sender, the
 * {@link RetryPolicy} says what follows each, and once every target has ended, {@code done} receives the
 * {@link Finished} result (from a sender's or the retry scheduler's thread). A sender that throws counts as a
 * transient failure; a channel without a sender ends its targets FAILED.
 */
public final class Delivery {

    private final PushRequest push;
    private final List<Target> targets;
    private final Map<Channel, ChannelSender> senders;
    private final RetryPolicy policy;
    private final ScheduledExecutorService retries;
    private final LongSupplier clock;
    private final Consumer<Finished> done;
    private final List<DeliveryReceipt> receipts = new ArrayList<>();
    private final List<DeviceCommand> commands = new ArrayList<>();
    private final AtomicInteger open;
    private volatile boolean abandoned;

    public Delivery(PushRequest push, List<Target> targets, Map<Channel, ChannelSender> senders, RetryPolicy policy,
            ScheduledExecutorService retries, LongSupplier clock, Consumer<Finished> done) {
        this.push = push;
        this.targets = targets;
        this.senders = senders;
        this.policy = policy;
        this.retries = retries;
        this.clock = clock;
        this.done = done;
        this.open = new AtomicInteger(targets.size());
    }

    /** Starts every target's first attempt; with no target, finishes at once with one NO_DEVICE receipt. */
    public void start() {
        if (targets.isEmpty()) {
            done.accept(new Finished(List.of(Receipts.noDevice(push, Timestamps.fromMillis(clock.getAsLong()))),
                    List.of()));
            return;
        }
        targets.forEach(target -> attempt(target, 1));
    }

    /** Stops retrying (the partition moved to another gateway, or the gateway stops); no result follows. */
    public void abandon() {
        abandoned = true;
    }

    private void attempt(Target target, int attempt) {
        if (abandoned) {
            return;
        }
        ChannelSender sender = senders.get(target.channel());
        if (sender == null) {
            conclude(target, attempt, new Attempt.Failed("no " + target.channel() + " sender is configured"));
            return;
        }
        try {
            sender.send(outgoing(target, attempt)).whenComplete((result, error) -> conclude(target, attempt,
                    error == null ? result : new Attempt.Transient(error.toString(), java.util.Optional.empty())));
        } catch (RuntimeException e) {
            conclude(target, attempt, new Attempt.Transient(e.toString(), java.util.Optional.empty()));
        }
    }

    private void conclude(Target target, int attempt, Attempt result) {
        RetryPolicy.Next next = policy.next(attempt, result, ThreadLocalRandom.current().nextDouble());
        ReceiptOutcome outcome = switch (next) {
            case RetryPolicy.Next.Retry retry -> ReceiptOutcome.RECEIPT_OUTCOME_RETRYING;
            case RetryPolicy.Next.Done end -> end.outcome();
        };
        note(target, attempt, outcome, result);
        switch (next) {
            case RetryPolicy.Next.Retry retry -> schedule(target, attempt + 1, retry.delay().toMillis());
            case RetryPolicy.Next.Done end -> targetEnded();
        }
    }

    private void schedule(Target target, int attempt, long delayMillis) {
        try {
            retries.schedule(() -> attempt(target, attempt), delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            abandon(); // the gateway stops: the push is not committed and is delivered again after the restart
        }
    }

    private synchronized void note(Target target, int attempt, ReceiptOutcome outcome, Attempt result) {
        String reason = switch (result) {
            case Attempt.Accepted accepted -> "";
            case Attempt.Unregistered unregistered -> unregistered.reason();
            case Attempt.Failed failed -> failed.reason();
            case Attempt.Transient transientFailure -> transientFailure.reason();
        };
        String messageId = result instanceof Attempt.Accepted accepted ? accepted.providerMessageId() : "";
        receipts.add(Receipts.attempt(push, target, attempt, targets.size(), outcome, reason, messageId,
                Timestamps.fromMillis(clock.getAsLong())));
        if (outcome == ReceiptOutcome.RECEIPT_OUTCOME_UNREGISTERED) {
            commands.add(deactivate(target));
        }
    }

    private void targetEnded() {
        if (open.decrementAndGet() == 0 && !abandoned) {
            synchronized (this) {
                done.accept(new Finished(receipts, commands));
            }
        }
    }

    private DeviceCommand deactivate(Target target) {
        String commandId = Ids.uuid5("deactivate:" + push.getPushId() + "/" + target.deviceId());
        return DeviceCommand.newBuilder()
                .setMetadata(CommandMetadata.newBuilder()
                        .setCommandId(commandId)
                        .setOrganizationId(push.getOrganizationId())
                        .setActor("system:gateway")
                        .setIssuedAt(Timestamps.fromMillis(clock.getAsLong())))
                .setUserId(push.getUserId())
                .setDeactivateDevice(DeactivateDevice.newBuilder()
                        .setDeviceId(target.deviceId())
                        .setReason(DeactivationReason.DEACTIVATION_REASON_UNREGISTERED)
                        .setPushToken(target.address()))
                .build();
    }

    private Outgoing outgoing(Target target, int attempt) {
        return new Outgoing(push.getPushId(), push.getOrganizationId(), push.getUserId(), target.deviceId(),
                target.address(), push.getTitle(), push.getSummary(), push.getBody(), push.getSenderName(),
                push.getDeepLink(), attempt);
    }
}
