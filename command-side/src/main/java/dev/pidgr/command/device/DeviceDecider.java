package dev.pidgr.command.device;

import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.decision.EventIds;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.DeactivateDevice;
import dev.pidgr.events.v1.DeactivationReason;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.DeviceDeactivated;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.events.v1.DeviceRegistered;
import dev.pidgr.events.v1.DeviceTokenReplaced;
import dev.pidgr.events.v1.EmailSet;
import dev.pidgr.events.v1.RegisterDevice;
import dev.pidgr.events.v1.SetEmail;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code decide(command, state) -> events or rejection} for one recipient's devices and email
 * (docs/events.md, "Devices"). A first registration of a device id is DeviceRegistered, every later one
 * DeviceTokenReplaced (new token or not: it reactivates the device and moves last_seen). A deactivation
 * of an inactive device, an UNREGISTERED deactivation naming a token the device no longer has, and an
 * email equal to the one set are accepted without an event. Pure.
 */
public final class DeviceDecider {

    private DeviceDecider() {
    }

    public static Decision<DeviceEvent> decide(DeviceCommand command, DeviceState state) {
        CommandMetadata m = command.getMetadata();
        if (m.hasExpectedVersion() && m.getExpectedVersion() != state.version()) {
            return Decision.reject(Rejection.aborted(m.getExpectedVersion(), state.version()));
        }
        List<Violation> invalid = new ArrayList<>();
        Outcome outcome = switch (command.getPayloadCase()) {
            case REGISTER_DEVICE -> register(command.getRegisterDevice(), state, invalid);
            case DEACTIVATE_DEVICE -> deactivate(command.getDeactivateDevice(), state, invalid);
            case SET_EMAIL -> setEmail(command.getSetEmail(), state, invalid);
            case PAYLOAD_NOT_SET -> {
                invalid.add(new Violation("payload", "the command has no payload"));
                yield null;
            }
        };
        if (!invalid.isEmpty()) {
            return Decision.reject(Rejection.invalid(invalid));
        }
        return switch (outcome) {
            case Outcome.Refused r -> Decision.reject(r.rejection());
            case Outcome.Unchanged u -> Decision.accept(List.of());
            case Outcome.Changed c -> Decision.accept(List.of(stamp(c.event(), command, state)));
        };
    }

    /** What a valid command does. */
    private sealed interface Outcome {
        record Changed(DeviceEvent.Builder event) implements Outcome {
        }

        record Unchanged() implements Outcome {
        }

        record Refused(Rejection rejection) implements Outcome {
        }
    }

    private static Outcome register(RegisterDevice r, DeviceState state, List<Violation> out) {
        DeviceRules.deviceId(r.getDeviceId(), out);
        DeviceRules.register(r.getPlatform(), r.getPushToken(), out);
        if (!out.isEmpty()) {
            return null;
        }
        Optional<DeviceState.Device> known = state.device(r.getDeviceId());
        Optional<Rejection> full = bounds(known, state);
        if (full.isPresent()) {
            return new Outcome.Refused(full.get());
        }
        DeviceEvent.Builder event = known.isPresent()
                ? DeviceEvent.newBuilder().setTokenReplaced(DeviceTokenReplaced.newBuilder()
                        .setDeviceId(r.getDeviceId()).setPlatform(r.getPlatform()).setPushToken(r.getPushToken()))
                : DeviceEvent.newBuilder().setRegistered(DeviceRegistered.newBuilder()
                        .setDeviceId(r.getDeviceId()).setPlatform(r.getPlatform()).setPushToken(r.getPushToken()));
        return new Outcome.Changed(event);
    }

    /** A new device needs room among the known ones; a new or inactive one room among the active ones. */
    private static Optional<Rejection> bounds(Optional<DeviceState.Device> known, DeviceState state) {
        if (known.isEmpty() && state.devices().size() >= DeviceRules.MAX_KNOWN_DEVICES) {
            return Optional.of(Rejection.failedPrecondition(List.of(new Violation("device_id",
                    "a recipient may register at most " + DeviceRules.MAX_KNOWN_DEVICES + " devices"))));
        }
        boolean activates = known.map(d -> !d.active()).orElse(true);
        if (activates && state.activeCount() >= DeviceRules.MAX_ACTIVE_DEVICES) {
            return Optional.of(Rejection.failedPrecondition(List.of(new Violation("device_id",
                    "a recipient may have at most " + DeviceRules.MAX_ACTIVE_DEVICES
                            + " active devices; deactivate one first"))));
        }
        return Optional.empty();
    }

    private static Outcome deactivate(DeactivateDevice d, DeviceState state, List<Violation> out) {
        DeviceRules.deviceId(d.getDeviceId(), out);
        boolean unregistered = d.getReason() == DeactivationReason.DEACTIVATION_REASON_UNREGISTERED;
        if (d.getReason() != DeactivationReason.DEACTIVATION_REASON_USER && !unregistered) {
            out.add(new Violation("reason", "reason must be USER or UNREGISTERED"));
        }
        if (unregistered && d.getPushToken().isEmpty()) {
            out.add(new Violation("push_token", "an UNREGISTERED deactivation names the token the provider refused"));
        }
        if (!out.isEmpty()) {
            return null;
        }
        Optional<DeviceState.Device> known = state.device(d.getDeviceId());
        if (known.isEmpty()) {
            return new Outcome.Refused(Rejection.notFound("device " + d.getDeviceId() + " not found"));
        }
        boolean stale = unregistered && !known.get().pushToken().equals(d.getPushToken());
        if (!known.get().active() || stale) {
            return new Outcome.Unchanged();
        }
        return new Outcome.Changed(DeviceEvent.newBuilder().setDeactivated(
                DeviceDeactivated.newBuilder().setDeviceId(d.getDeviceId()).setReason(d.getReason())));
    }

    private static Outcome setEmail(SetEmail s, DeviceState state, List<Violation> out) {
        DeviceRules.email(s.getEmail(), out);
        if (!out.isEmpty()) {
            return null;
        }
        if (s.getEmail().equals(state.email())) {
            return new Outcome.Unchanged();
        }
        return new Outcome.Changed(DeviceEvent.newBuilder().setEmailSet(EmailSet.newBuilder().setEmail(s.getEmail())));
    }

    private static DeviceEvent stamp(DeviceEvent.Builder event, DeviceCommand command, DeviceState state) {
        CommandMetadata m = command.getMetadata();
        return event.setEventId(EventIds.of(m.getCommandId(), 0))
                .setOrganizationId(m.getOrganizationId())
                .setUserId(command.getUserId())
                .setVersion(state.version() + 1)
                .setOccurredAt(m.getIssuedAt())
                .setCommandId(m.getCommandId())
                .setActor(m.getActor())
                .build();
    }
}
