package dev.pidgr.api.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.ResponseHeaders;
import io.grpc.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GrpcWebAnswerTest {

    @Test
    void shouldReadTheMessageFromTheDataFramesAndTheStatusFromTheTrailerFrame() {
        byte[] body = concat(
                frame(0, new byte[] {8, 1}),
                frame(0x80, "grpc-status: 0\r\ngrpc-message: \r\n".getBytes(StandardCharsets.US_ASCII)));
        AggregatedHttpResponse response = AggregatedHttpResponse.of(
                ResponseHeaders.builder(200)
                        .add("content-type", "application/grpc-web+proto")
                        .add("x-pidgr-version", "4")
                        .build(),
                HttpData.wrap(body));

        GrpcWebAnswer answer = GrpcWebAnswer.of(response);

        assertThat(answer.ok()).isTrue();
        assertThat(answer.message()).containsExactly(8, 1);
        assertThat(answer.headers().get("x-pidgr-version")).isEqualTo("4");
        assertThat(answer.headers().contains("content-type")).isFalse();
    }

    @Test
    void shouldReadATrailersOnlyAnswerWithItsDetails() {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.ABORTED.value())
                .setMessage("version 3 expected, the campaign is at 4")
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason("VERSION_MISMATCH")
                        .putMetadata("current_version", "4")
                        .build()))
                .build();
        AggregatedHttpResponse response = AggregatedHttpResponse.of(ResponseHeaders.builder(200)
                .add("grpc-status", "10")
                .add("grpc-message", "version%203%20expected%2C%20the%20campaign%20is%20at%204")
                .add(
                        "grpc-status-details-bin",
                        Base64.getEncoder().withoutPadding().encodeToString(status.toByteArray()))
                .build());

        GrpcWebAnswer answer = GrpcWebAnswer.of(response);

        assertThat(answer.ok()).isFalse();
        assertThat(answer.status()).isEqualTo(status);
    }

    @Test
    void shouldPercentDecodeTheMessageWhenThereAreNoDetails() {
        AggregatedHttpResponse response = AggregatedHttpResponse.of(ResponseHeaders.builder(200)
                .add("grpc-status", "16").add("grpc-message", "caf%C3%A9 + 100%25").build());

        GrpcWebAnswer answer = GrpcWebAnswer.of(response);

        assertThat(answer.status().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED.value());
        assertThat(answer.status().getMessage()).isEqualTo("café + 100%");
    }

    @Test
    void shouldMapAnHttpErrorWithoutAGrpcStatusAsGrpcDoes() {
        GrpcWebAnswer answer = GrpcWebAnswer.of(AggregatedHttpResponse.of(ResponseHeaders.of(503)));

        assertThat(answer.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE.value());
        assertThat(answer.status().getMessage()).isEqualTo("HTTP status 503");
    }

    private static byte[] frame(int flags, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length).put((byte) flags).putInt(payload.length).put(payload).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }
}
