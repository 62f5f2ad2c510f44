package dev.pidgr.command.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.command.testing.Devices;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.DeviceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any sequence of Register, Deactivate, gateway deactivations and SetEmail against a small set of device
 * ids and tokens: one device per id, versions 1, 2, 3 ... without gaps, and each device as a plain model
 * says (the last registration's token wins; a gateway deactivation counts only with the current token).
 */
class DevicePropertiesTest {

    record Step(int kind, int device, int token) {
        DeviceCommand.Builder command() {
            String id = "d" + device;
            String tok = "t" + token;
            return switch (kind) {
                case 0 -> Devices.ios(id, tok);
                case 1 -> Devices.deactivate(id);
                case 2 -> Devices.unregistered(id, tok);
                default -> Devices.setEmail(token == 0 ? "" : "u" + token + "@example.org");
            };
        }
    }

    record Model(String token, boolean active) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 3)).as(Step::new);
        return step.list().ofMaxSize(60);
    }

    @Property
    void shouldKeepOneDevicePerIdVersionsWithoutGapsAndTheModelsTokens(@ForAll("steps") List<Step> steps) {
        List<DeviceEvent> history = new ArrayList<>();
        Map<String, Model> model = new HashMap<>();
        for (Step s : steps) {
            DeviceState state = DeviceEvolver.fold(Commands.ORG, Devices.USER, history);
            if (DeviceDecider.decide(s.command().build(), state) instanceof Decision.Accepted<DeviceEvent> a) {
                history.addAll(a.events());
                apply(model, s);
            }
        }
        DeviceState state = DeviceEvolver.fold(Commands.ORG, Devices.USER, history);

        assertThat(history).extracting(DeviceEvent::getVersion)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, history.size()).boxed().toList());
        assertThat(state.devices()).extracting(DeviceState.Device::deviceId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(model.keySet());
        for (DeviceState.Device d : state.devices()) {
            Model m = model.get(d.deviceId());
            assertThat(d.active()).as(d.deviceId()).isEqualTo(m.active());
            assertThat(d.pushToken()).as(d.deviceId()).isEqualTo(m.active() ? m.token() : "");
        }
    }

    private static void apply(Map<String, Model> model, Step s) {
        String id = "d" + s.device();
        Model before = model.get(id);
        switch (s.kind()) {
            case 0 -> model.put(id, new Model("t" + s.token(), true));
            case 1 -> model.put(id, new Model(before.token(), false));
            case 2 -> {
                if (before.active() && before.token().equals("t" + s.token())) {
                    model.put(id, new Model(before.token(), false));
                }
            }
            default -> {
            }
        }
    }
}
