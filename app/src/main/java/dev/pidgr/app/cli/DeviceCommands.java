package dev.pidgr.app.cli;

import dev.pidgr.api.v1.DeactivateRequest;
import dev.pidgr.api.v1.DeviceSummary;
import dev.pidgr.api.v1.ListDevicesRequest;
import dev.pidgr.api.v1.ListDevicesResponse;
import dev.pidgr.api.v1.Platform;
import dev.pidgr.api.v1.RegisterRequest;
import dev.pidgr.api.v1.SetEmailRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pidgr device register|list|deactivate|set-email}: a recipient's own devices and email address
 * (DeviceService). Uses the caller's token; in dev, {@code --as USER} acts as that recipient.
 */
@Command(
        name = "device",
        mixinStandardHelpOptions = true,
        description = "A recipient's devices and email address: register, list, deactivate, set-email.",
        subcommands = {
            DeviceCommands.Register.class,
            DeviceCommands.ListAll.class,
            DeviceCommands.Deactivate.class,
            DeviceCommands.SetEmail.class
        })
public final class DeviceCommands {

    /** The platforms by their short names. */
    enum PlatformName {
        ios(Platform.PLATFORM_IOS), android(Platform.PLATFORM_ANDROID), web(Platform.PLATFORM_WEB);

        final Platform platform;

        PlatformName(Platform platform) {
            this.platform = platform;
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register a device, or replace its token (reactivates it).")
    static final class Register implements Callable<Integer> {
        @Mixin RecipientOptions recipient;
        @Parameters(index = "0", description = "Device id (yours to choose, 1 to 200 characters).") String deviceId;
        @Option(names = "--platform", required = true, description = "ios, android or web.") PlatformName platform;
        @Option(names = "--push-token", required = true,
                description = "The provider's token; for web the PushSubscription JSON.") String pushToken;

        @Override
        public Integer call() throws Exception {
            try (Client c = recipient.connect()) {
                DeviceSummary d = c.devices().register(RegisterRequest.newBuilder().setDeviceId(deviceId)
                        .setPlatform(platform.platform).setPushToken(pushToken).build()).getDevice();
                show(recipient.output(), List.of(d));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Your devices, oldest first.")
    static final class ListAll implements Callable<Integer> {
        @Mixin RecipientOptions recipient;

        @Override
        public Integer call() throws Exception {
            try (Client c = recipient.connect()) {
                ListDevicesResponse response = c.devices().listDevices(ListDevicesRequest.getDefaultInstance());
                if (recipient.output().json()) {
                    recipient.output().json(response);
                    return 0;
                }
                show(recipient.output(), response.getDevicesList());
            }
            return 0;
        }
    }

    @Command(name = "deactivate", mixinStandardHelpOptions = true, description = "Stop pushes to a device.")
    static final class Deactivate implements Callable<Integer> {
        @Mixin RecipientOptions recipient;
        @Parameters(index = "0", description = "Device id.") String deviceId;

        @Override
        public Integer call() throws Exception {
            try (Client c = recipient.connect()) {
                c.devices().deactivate(DeactivateRequest.newBuilder().setDeviceId(deviceId).build());
                recipient.output().line("deactivated " + deviceId);
            }
            return 0;
        }
    }

    @Command(name = "set-email", mixinStandardHelpOptions = true,
            description = "Set your email address for the email channel (\"\" clears it).")
    static final class SetEmail implements Callable<Integer> {
        @Mixin RecipientOptions recipient;
        @Parameters(index = "0", description = "The address, or \"\" to clear it.") String email;

        @Override
        public Integer call() throws Exception {
            try (Client c = recipient.connect()) {
                String stored = c.devices().setEmail(SetEmailRequest.newBuilder().setEmail(email).build()).getEmail();
                recipient.output().line(stored.isEmpty() ? "email cleared" : "email " + stored);
            }
            return 0;
        }
    }

    private static void show(Output out, List<DeviceSummary> devices) {
        if (out.json()) {
            devices.forEach(out::json);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (DeviceSummary d : devices) {
            rows.add(List.of(d.getDeviceId(), Output.shortName(d.getPlatform(), "PLATFORM_"),
                    d.getActive() ? "yes" : "no", Output.time(d.getCreatedAt()), Output.time(d.getLastSeen())));
        }
        out.table(List.of("DEVICE", "PLATFORM", "ACTIVE", "REGISTERED", "LAST SEEN"), rows);
    }
}
