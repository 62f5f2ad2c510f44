package dev.pidgr.command.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.DeviceSummary;
import dev.pidgr.api.v1.Platform;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.command.testing.Devices;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.events.v1.RejectionCode;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The device processor on the command topology: events keyed by user id, results, idempotency, dead letters. */
class DeviceCommandsTest {

    private final CommandDriver d = new CommandDriver();

    @AfterEach
    void close() {
        d.close();
    }

    @Test
    void shouldWriteTheEventKeyedByUserIdAndAnswerWithTheDevice() {
        CommandResult result = d.result(d.send(Devices.ios("phone", "tok-1")));

        List<TestRecord<String, byte[]>> events = d.deviceEventRecords();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().key()).isEqualTo(Devices.USER);
        assertThat(CommandDriver.deviceEvent(events.getFirst()).hasRegistered()).isTrue();
        assertThat(result.getAggregateId()).isEqualTo(Devices.USER);
        assertThat(result.getVersion()).isEqualTo(1);
        assertThat(result.getAccepted().getDevice()).isEqualTo(DeviceSummary.newBuilder().setDeviceId("phone")
                .setUserId(Devices.USER).setPlatform(Platform.PLATFORM_IOS).setActive(true)
                .setLastSeen(Commands.ISSUED_AT).setCreatedAt(Commands.ISSUED_AT).build());
    }

    @Test
    void shouldAnswerADeactivationOfAnInactiveDeviceAtTheSameVersionWithoutAnEvent() {
        d.send(Devices.ios("phone", "tok-1"));
        d.send(Devices.deactivate("phone"));
        d.deviceEventRecords();

        CommandResult again = d.result(d.send(Devices.deactivate("phone")));

        assertThat(d.deviceEventRecords()).isEmpty();
        assertThat(again.getVersion()).isEqualTo(2);
        assertThat(again.getAccepted().getDevice().getActive()).isFalse();
    }

    @Test
    void shouldAnswerSetEmailWithTheAddress() {
        CommandResult result = d.result(d.send(Devices.setEmail("ada@example.org")));

        assertThat(result.getAccepted().getEmail()).isEqualTo("ada@example.org");
        assertThat(d.deviceEventRecords()).extracting(r -> CommandDriver.deviceEvent(r).getEmailSet().getEmail())
                .containsExactly("ada@example.org");
    }

    @Test
    void shouldKeepTheSameUserIdOfTwoOrganizationsApart() {
        d.send(Devices.ios("phone", "tok-1"));
        DeviceCommand.Builder other = Devices.ios("phone", "tok-9");
        other.getMetadataBuilder().setOrganizationId(Commands.OTHER_ORG);

        CommandResult result = d.result(d.send(other));

        assertThat(result.getVersion()).isEqualTo(1);
        assertThat(d.deviceEventRecords()).extracting(r -> CommandDriver.deviceEvent(r))
                .extracting(DeviceEvent::getOrganizationId, DeviceEvent::hasRegistered)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Commands.ORG, true),
                        org.assertj.core.groups.Tuple.tuple(Commands.OTHER_ORG, true));
    }

    @Test
    void shouldAnswerARetryWithTheSameKeyWithTheFirstResult() {
        DeviceCommand.Builder first = Devices.ios("phone", "tok-1");
        first.setMetadata(Commands.keyed(first.getMetadata(), "k1", "req"));
        CommandResult answer = d.result(d.send(first));
        DeviceCommand.Builder retry = Devices.ios("phone", "tok-1");
        retry.setMetadata(Commands.keyed(retry.getMetadata(), "k1", "req"));

        CommandResult again = d.result(d.send(retry));

        assertThat(d.deviceEventRecords()).hasSize(1);
        assertThat(again.getVersion()).isEqualTo(answer.getVersion());
        assertThat(again.getAccepted()).isEqualTo(answer.getAccepted());
    }

    @Test
    void shouldDeadLetterGarbageAndGoOn() {
        d.sendRawDevice(Devices.USER, new byte[] {(byte) 0xff, (byte) 0xff, 1}, "cmd-garbage");
        String next = d.send(Devices.ios("phone", "tok-1"));

        List<TestRecord<String, byte[]>> dead = d.deviceDeadLetters.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(EventHeaders.read(dead.getFirst().headers(), Outputs.ERROR_HEADER))
                .isEqualTo("the record is not a valid pidgr.events.v1.DeviceCommand");
        assertThat(d.result("cmd-garbage").getRejected().getCode())
                .isEqualTo(RejectionCode.REJECTION_CODE_INVALID_ARGUMENT);
        assertThat(d.result(next).hasAccepted()).isTrue();
    }
}
