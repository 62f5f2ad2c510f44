package dev.pidgr.command.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.command.testing.Devices;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.events.v1.RejectionCode;
import java.util.ArrayList;
import java.util.List;

/** given(commands...).when(command).then(events...) / thenRejected(code, text), for the device decider. */
final class DeviceFixture {

    private final List<DeviceEvent> history = new ArrayList<>();
    private Decision<DeviceEvent> decision;

    static DeviceFixture recipient() {
        return new DeviceFixture();
    }

    /** The events these commands make, decided in order (each must be accepted). */
    DeviceFixture given(DeviceCommand.Builder... commands) {
        for (DeviceCommand.Builder command : commands) {
            Decision<DeviceEvent> d = DeviceDecider.decide(command.build(), state());
            assertThat(d).as("given command").isInstanceOf(Decision.Accepted.class);
            history.addAll(((Decision.Accepted<DeviceEvent>) d).events());
        }
        return this;
    }

    DeviceFixture when(DeviceCommand.Builder command) {
        decision = DeviceDecider.decide(command.build(), state());
        return this;
    }

    List<DeviceEvent> then(Message... payloads) {
        assertThat(decision).isInstanceOf(Decision.Accepted.class);
        List<DeviceEvent> events = ((Decision.Accepted<DeviceEvent>) decision).events();
        assertThat(events.stream().map(DeviceFixture::payload).toList()).containsExactly(payloads);
        return events;
    }

    Rejection thenRejected(RejectionCode code, String messageContains) {
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        Rejection rejection = ((Decision.Rejected<DeviceEvent>) decision).rejection();
        assertThat(rejection.code()).isEqualTo(code);
        assertThat(rejection.message()).contains(messageContains);
        return rejection;
    }

    DeviceState state() {
        return DeviceEvolver.fold(Commands.ORG, Devices.USER, history);
    }

    static Message payload(DeviceEvent e) {
        return (Message) e.getField(e.getOneofFieldDescriptor(DeviceEvent.getDescriptor().getRealOneofs().get(0)));
    }
}
