package dev.pidgr.api.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Timestamp;
import com.google.protobuf.TimestampProto;
import dev.pidgr.api.v1.DeviceSummary;
import dev.pidgr.api.v1.ListDevicesResponse;
import dev.pidgr.api.v1.Platform;
import org.junit.jupiter.api.Test;

/**
 * What a client generated from Pidgr's own device.proto reads from our answers. Pidgr v0.28 (and every
 * release since v0.6.0) answers Register and ListDevices with a DeviceSummary numbered as ours; releases
 * before v0.6.0 answered with Device, where field 4 is the push token (a string) and 5 is active. The
 * schemas are declared here field by field (numbers and types as published), not copied.
 */
class PidgrClientWireTest {

    private static final Timestamp CREATED = Timestamp.newBuilder().setSeconds(1_800_000_000L).build();
    private static final Timestamp SEEN = Timestamp.newBuilder().setSeconds(1_800_000_600L).build();
    private static final DeviceSummary OURS = DeviceSummary.newBuilder().setDeviceId("phone").setUserId("ada")
            .setPlatform(Platform.PLATFORM_ANDROID).setActive(true).setLastSeen(SEEN).setCreatedAt(CREATED).build();

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type) {
        FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setType(type).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
        return (type == FieldDescriptorProto.Type.TYPE_MESSAGE ? f.setTypeName(".google.protobuf.Timestamp") : f)
                .build();
    }

    private static Descriptors.Descriptor message(String name, FieldDescriptorProto... fields) throws Exception {
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("theirs/" + name + ".proto")
                .setPackage("theirs").setSyntax("proto3").addDependency("google/protobuf/timestamp.proto")
                .addMessageType(DescriptorProto.newBuilder().setName(name).addAllField(java.util.List.of(fields)))
                .build();
        return Descriptors.FileDescriptor.buildFrom(file,
                new Descriptors.FileDescriptor[] {TimestampProto.getDescriptor()}).findMessageTypeByName(name);
    }

    private static Object get(DynamicMessage m, String name) {
        return m.getField(m.getDescriptorForType().findFieldByName(name));
    }

    @Test
    void shouldDecodeAsAPidgrV028DeviceSummaryFieldForField() throws Exception {
        Descriptors.Descriptor theirs = message("DeviceSummary",
                field("device_id", 1, FieldDescriptorProto.Type.TYPE_STRING),
                field("user_id", 2, FieldDescriptorProto.Type.TYPE_STRING),
                field("platform", 3, FieldDescriptorProto.Type.TYPE_INT32),
                field("active", 4, FieldDescriptorProto.Type.TYPE_BOOL),
                field("last_seen", 5, FieldDescriptorProto.Type.TYPE_MESSAGE),
                field("created_at", 6, FieldDescriptorProto.Type.TYPE_MESSAGE));
        byte[] answer = ListDevicesResponse.newBuilder().addDevices(OURS).build().getDevices(0).toByteArray();

        DynamicMessage read = DynamicMessage.parseFrom(theirs, answer);

        assertThat(read.getUnknownFields().asMap()).isEmpty();
        assertThat(get(read, "device_id")).isEqualTo("phone");
        assertThat(get(read, "user_id")).isEqualTo("ada");
        assertThat(get(read, "platform")).isEqualTo(2);
        assertThat(get(read, "active")).isEqualTo(true);
        assertThat(Timestamp.parseFrom(((DynamicMessage) get(read, "last_seen")).toByteArray())).isEqualTo(SEEN);
        assertThat(Timestamp.parseFrom(((DynamicMessage) get(read, "created_at")).toByteArray())).isEqualTo(CREATED);
    }

    /**
     * Before v0.6.0 the answer was a Device: protobuf-java sets a field whose wire type differs aside as
     * unknown, so such a client sees no token (right), active false (wrong) and our created_at as its
     * last_seen (wrong). Documented in docs/api-compatibility.md; v0.28 is unaffected.
     */
    @Test
    void shouldShowWhatAPidgrClientOlderThanV06Misreads() throws Exception {
        Descriptors.Descriptor device = message("Device",
                field("device_id", 1, FieldDescriptorProto.Type.TYPE_STRING),
                field("user_id", 2, FieldDescriptorProto.Type.TYPE_STRING),
                field("platform", 3, FieldDescriptorProto.Type.TYPE_INT32),
                field("push_token", 4, FieldDescriptorProto.Type.TYPE_STRING),
                field("active", 5, FieldDescriptorProto.Type.TYPE_BOOL),
                field("last_seen", 6, FieldDescriptorProto.Type.TYPE_MESSAGE),
                field("created_at", 7, FieldDescriptorProto.Type.TYPE_MESSAGE));

        DynamicMessage read = DynamicMessage.parseFrom(device, OURS.toByteArray());

        assertThat(get(read, "device_id")).isEqualTo("phone");
        assertThat(get(read, "push_token")).isEqualTo("");
        assertThat(get(read, "active")).isEqualTo(false);
        assertThat(Timestamp.parseFrom(((DynamicMessage) get(read, "last_seen")).toByteArray())).isEqualTo(CREATED);
        assertThat(read.getUnknownFields().asMap().keySet()).containsExactlyInAnyOrder(4, 5);
    }
}
