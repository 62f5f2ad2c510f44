package dev.pidgr.command.kafka;

import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.device.DeviceDecider;
import dev.pidgr.command.device.DeviceEvolver;
import dev.pidgr.command.device.DeviceSnapshot;
import dev.pidgr.command.device.DeviceState;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.DeviceEvent;
import java.util.List;

/**
 * Loads a recipient's devices, asks the decider, and folds the event into the state to save and show. A
 * command accepted without an event saves nothing and answers at the current version.
 */
final class DevicePlanner implements Plan.Planner<DeviceCommand> {

    private final DeviceStore store;

    DevicePlanner(DeviceStore store) {
        this.store = store;
    }

    @Override
    public Plan plan(DeviceCommand command) {
        DeviceState before = load(command);
        String commandId = command.getMetadata().getCommandId();
        return switch (DeviceDecider.decide(command, before)) {
            case Decision.Accepted<DeviceEvent> a -> accepted(command, before, a.events());
            case Decision.Rejected<DeviceEvent> r -> Plan.rejected(
                    Results.rejected(commandId, command.getUserId(), before.version(), r.rejection()), r.rejection());
        };
    }

    @Override
    public long visibleVersion(DeviceCommand command) {
        return load(command).version();
    }

    private DeviceState load(DeviceCommand command) {
        return store.load(command.getMetadata().getOrganizationId(), command.getUserId());
    }

    private Plan accepted(DeviceCommand command, DeviceState before, List<DeviceEvent> events) {
        DeviceState after = before;
        for (DeviceEvent e : events) {
            after = DeviceEvolver.evolve(after, e);
        }
        DeviceState saved = after;
        List<Outputs.OutRecord> records = events.stream()
                .map(e -> EventRecords.of(e.getUserId(), e, e.getEventId()))
                .toList();
        Runnable save = events.isEmpty() ? () -> { } : () -> store.save(saved);
        return new Plan(result(command, after), records, save);
    }

    private static CommandResult result(DeviceCommand command, DeviceState after) {
        String commandId = command.getMetadata().getCommandId();
        return switch (command.getPayloadCase()) {
            case REGISTER_DEVICE -> Results.accepted(commandId, command.getUserId(), after.version(),
                    DeviceSnapshot.of(after, command.getRegisterDevice().getDeviceId()));
            case DEACTIVATE_DEVICE -> Results.accepted(commandId, command.getUserId(), after.version(),
                    DeviceSnapshot.of(after, command.getDeactivateDevice().getDeviceId()));
            case SET_EMAIL -> Results.acceptedEmail(commandId, command.getUserId(), after.version(), after.email());
            case PAYLOAD_NOT_SET -> throw new IllegalArgumentException("an accepted device command without payload");
        };
    }
}
