package dev.pidgr.api.device;

import dev.pidgr.api.auth.Caller;
import dev.pidgr.api.consistency.ReadYourWrites;
import dev.pidgr.api.consistency.WriteTracker.Kind;
import dev.pidgr.api.gateway.Mutations;
import dev.pidgr.api.grpc.CallContext;
import dev.pidgr.api.v1.DeactivateRequest;
import dev.pidgr.api.v1.DeactivateResponse;
import dev.pidgr.api.v1.DeviceServiceGrpc;
import dev.pidgr.api.v1.ListDevicesRequest;
import dev.pidgr.api.v1.ListDevicesResponse;
import dev.pidgr.api.v1.RegisterRequest;
import dev.pidgr.api.v1.RegisterResponse;
import dev.pidgr.api.v1.SetEmailRequest;
import dev.pidgr.api.v1.SetEmailResponse;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.DeactivateDevice;
import dev.pidgr.events.v1.DeactivationReason;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.RegisterDevice;
import dev.pidgr.events.v1.SetEmail;
import dev.pidgr.query.DeviceReads;
import io.grpc.stub.StreamObserver;
import java.util.OptionalLong;

/**
 * DeviceService: always the caller's own devices (the token's sub and org_id; no permission needed).
 * Register, Deactivate and SetEmail go through the command gateway as device commands keyed by the
 * user id and answer once the result arrives; the device decider holds every field rule, so a bad
 * request is INVALID_ARGUMENT with its field violations from there. ListDevices reads the projection
 * after read-your-writes.
 */
public final class DeviceGrpcService extends DeviceServiceGrpc.DeviceServiceImplBase {

    private final Mutations mutations;
    private final DeviceReads reads;
    private final ReadYourWrites readYourWrites;

    public DeviceGrpcService(Mutations mutations, DeviceReads reads, ReadYourWrites readYourWrites) {
        this.mutations = mutations;
        this.reads = reads;
        this.readYourWrites = readYourWrites;
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<RegisterResponse> response) {
        DeviceCommand command = command("Register", request)
                .setRegisterDevice(RegisterDevice.newBuilder()
                        .setDeviceId(request.getDeviceId())
                        .setPlatformValue(request.getPlatformValue())
                        .setPushToken(request.getPushToken()))
                .build();
        mutations.device(command, response,
                accepted -> RegisterResponse.newBuilder().setDevice(accepted.getDevice()).build());
    }

    @Override
    public void deactivate(DeactivateRequest request, StreamObserver<DeactivateResponse> response) {
        DeviceCommand command = command("Deactivate", request)
                .setDeactivateDevice(DeactivateDevice.newBuilder()
                        .setDeviceId(request.getDeviceId())
                        .setReason(DeactivationReason.DEACTIVATION_REASON_USER))
                .build();
        mutations.device(command, response, accepted -> DeactivateResponse.newBuilder().setSuccess(true).build());
    }

    @Override
    public void setEmail(SetEmailRequest request, StreamObserver<SetEmailResponse> response) {
        DeviceCommand command = command("SetEmail", request)
                .setSetEmail(SetEmail.newBuilder().setEmail(request.getEmail()))
                .build();
        mutations.device(command, response,
                accepted -> SetEmailResponse.newBuilder().setEmail(accepted.getEmail()).build());
    }

    @Override
    public void listDevices(ListDevicesRequest request, StreamObserver<ListDevicesResponse> response) {
        Caller caller = CallContext.caller();
        readYourWrites.awaitOne(Kind.DEVICE, caller.organizationId(), caller.userId(), CallContext.deadline());
        response.onNext(ListDevicesResponse.newBuilder()
                .addAllDevices(reads.devices(caller.organizationId(), caller.userId()))
                .build());
        response.onCompleted();
    }

    private DeviceCommand.Builder command(String rpc, com.google.protobuf.Message request) {
        CommandMetadata metadata = mutations.metadata(rpc, request, OptionalLong.empty());
        return DeviceCommand.newBuilder().setMetadata(metadata).setUserId(CallContext.caller().userId());
    }
}
