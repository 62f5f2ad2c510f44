package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.Calls;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.DeactivateRequest;
import dev.pidgr.api.v1.DeviceServiceGrpc;
import dev.pidgr.api.v1.DeviceSummary;
import dev.pidgr.api.v1.ListDevicesRequest;
import dev.pidgr.api.v1.Platform;
import dev.pidgr.api.v1.RegisterRequest;
import dev.pidgr.api.v1.SetEmailRequest;
import dev.pidgr.events.v1.Accepted;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.DeactivationReason;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.FieldViolation;
import dev.pidgr.events.v1.Rejected;
import dev.pidgr.events.v1.RejectionCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DeviceService at the edge: the caller's own devices (sub and org_id, no permission), commands keyed by
 * the user id, the decider's violations as INVALID_ARGUMENT, and ListDevices reading its own writes.
 */
class DeviceServiceTest {

    private static final String DAVE = TestTokens.token("dave", TestTokens.ORG);
    private static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        api.responder.answerDevices(DeviceServiceTest::answer);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    /** As the device decider: "bad" is refused with a field violation, anything else accepted at version 1. */
    private static Optional<CommandResult> answer(DeviceCommand c) {
        CommandResult.Builder r = CommandResult.newBuilder().setCommandId(c.getMetadata().getCommandId())
                .setAggregateId(c.getUserId()).setVersion(1);
        if (c.hasRegisterDevice() && c.getRegisterDevice().getDeviceId().equals("bad")) {
            return Optional.of(r.setVersion(0).setRejected(Rejected.newBuilder()
                    .setCode(RejectionCode.REJECTION_CODE_INVALID_ARGUMENT).setMessage("platform must be IOS")
                    .addViolations(FieldViolation.newBuilder().setField("platform")
                            .setDescription("platform must be IOS")))
                    .build());
        }
        Accepted.Builder accepted = Accepted.newBuilder();
        if (c.hasSetEmail()) {
            accepted.setEmail(c.getSetEmail().getEmail());
        } else {
            String id = c.hasRegisterDevice() ? c.getRegisterDevice().getDeviceId()
                    : c.getDeactivateDevice().getDeviceId();
            accepted.setDevice(DeviceSummary.newBuilder().setDeviceId(id).setUserId(c.getUserId())
                    .setPlatform(c.getRegisterDevice().getPlatform()).setActive(c.hasRegisterDevice()));
        }
        return Optional.of(r.setAccepted(accepted).build());
    }

    private static DeviceServiceGrpc.DeviceServiceBlockingStub devices(String token) {
        return api.stub(DeviceServiceGrpc.DeviceServiceBlockingStub.class, token);
    }

    private static DeviceCommand lastCommand() {
        List<DeviceCommand> all = api.responder.deviceCommands();
        return all.getLast();
    }

    @Test
    void shouldRegisterForTheCallerWithoutAnyPermission() {
        DeviceSummary device = devices(DAVE).register(RegisterRequest.newBuilder().setDeviceId("phone")
                .setPlatform(Platform.PLATFORM_IOS).setPushToken("tok").build()).getDevice();

        DeviceCommand sent = lastCommand();
        assertThat(sent.getUserId()).isEqualTo("dave");
        assertThat(sent.getMetadata().getOrganizationId()).isEqualTo(TestTokens.ORG);
        assertThat(sent.getMetadata().getActor()).isEqualTo("dave");
        assertThat(sent.getRegisterDevice().getPushToken()).isEqualTo("tok");
        assertThat(device.getDeviceId()).isEqualTo("phone");
        assertThat(device.getUserId()).isEqualTo("dave");
    }

    @Test
    void shouldDeactivateAsTheUserAndAnswerSuccess() {
        boolean success = devices(DAVE).deactivate(DeactivateRequest.newBuilder().setDeviceId("phone").build())
                .getSuccess();

        assertThat(success).isTrue();
        assertThat(lastCommand().getDeactivateDevice().getReason())
                .isEqualTo(DeactivationReason.DEACTIVATION_REASON_USER);
    }

    @Test
    void shouldAnswerSetEmailWithTheAddress() {
        assertThat(devices(DAVE).setEmail(SetEmailRequest.newBuilder().setEmail("dave@example.org").build())
                .getEmail()).isEqualTo("dave@example.org");
    }

    @Test
    void shouldMapTheDecidersViolationsToInvalidArgument() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> devices(DAVE).register(RegisterRequest.newBuilder().setDeviceId("bad").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badRequest(error).orElseThrow().getFieldViolationsList())
                .extracting(v -> v.getField()).containsExactly("platform");
    }

    @Test
    void shouldRefuseACallWithoutToken() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> devices(null).listDevices(ListDevicesRequest.getDefaultInstance()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void shouldListOnlyTheCallersDevicesOnceItsOwnWriteIsProjected() throws Exception {
        String erin = TestTokens.token("erin", TestTokens.ORG);
        DeviceSummary tablet = DeviceSummary.newBuilder().setDeviceId("tablet").setUserId("erin").build();
        api.reads.projectDevices(TestTokens.OTHER_ORG, "erin", 3, List.of(DeviceSummary.newBuilder()
                .setDeviceId("foreign").build()));
        devices(erin).register(RegisterRequest.newBuilder().setDeviceId("tablet")
                .setPlatform(Platform.PLATFORM_ANDROID).setPushToken("t").build());

        CompletableFuture<List<DeviceSummary>> read = CompletableFuture.supplyAsync(
                () -> devices(erin).listDevices(ListDevicesRequest.getDefaultInstance()).getDevicesList());
        assertThat(catchThrowableOfType(java.util.concurrent.TimeoutException.class,
                () -> read.get(300, TimeUnit.MILLISECONDS))).as("waits for its own write").isNotNull();
        api.reads.projectDevices(TestTokens.ORG, "erin", 1, List.of(tablet));

        assertThat(read.get(30, TimeUnit.SECONDS)).containsExactly(tablet);
    }

    @Test
    void shouldAnswerListDevicesOverConnectJson() throws Exception {
        api.reads.projectDevices(TestTokens.ORG, "frank", 0, List.of(DeviceSummary.newBuilder()
                .setDeviceId("laptop").setUserId("frank").setPlatform(Platform.PLATFORM_WEB).setActive(true).build()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.uri() + "/pidgr.v1.DeviceService/ListDevices"))
                .header("content-type", "application/json").header("connect-protocol-version", "1")
                .header("authorization", "Bearer " + TestTokens.token("frank", TestTokens.ORG))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8)).build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode device = new ObjectMapper().readTree(response.body()).get("devices").get(0);
        assertThat(device.get("deviceId").asText()).isEqualTo("laptop");
        assertThat(device.get("platform").asText()).isEqualTo("PLATFORM_WEB");
    }
}
