package dev.pidgr.api.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.RequestHeaders;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

class ConnectRequestTest {

    private static final String PATH = "/pidgr.v1.CampaignService/GetCampaign";

    @Test
    void shouldCallTheGrpcWebServiceWithTheSameMetadataAndTheTimeoutAsGrpcTimeout() {
        RequestHeaders connect = RequestHeaders.builder(HttpMethod.POST, PATH)
                .contentType(com.linecorp.armeria.common.MediaType.JSON_UTF_8)
                .add("connect-protocol-version", "1")
                .add("connect-timeout-ms", "2500")
                .add("authorization", "Bearer t")
                .add("idempotency-key", "k-1")
                .add("x-pidgr-min-version", "7")
                .add("grpc-timeout", "99H")
                .add("content-length", "2")
                .build();

        ConnectRequest.Call call = (ConnectRequest.Call) ConnectRequest.check(connect);

        assertThat(call.codec()).isEqualTo(Codec.JSON);
        RequestHeaders grpcWeb = call.grpcWeb();
        assertThat(grpcWeb.path()).isEqualTo(PATH);
        assertThat(grpcWeb.contentType().toString()).isEqualTo("application/grpc-web+proto");
        assertThat(grpcWeb.get("grpc-timeout"))
                .as("connect-timeout-ms, never the client's own grpc-timeout")
                .isEqualTo("2500m");
        assertThat(grpcWeb.get("authorization")).isEqualTo("Bearer t");
        assertThat(grpcWeb.get("idempotency-key")).isEqualTo("k-1");
        assertThat(grpcWeb.get("x-pidgr-min-version")).isEqualTo("7");
        assertThat(grpcWeb.contains("connect-protocol-version")).isFalse();
        assertThat(grpcWeb.contains("content-length")).isFalse();
    }

    @Test
    void shouldCapATimeoutBeyondGrpcTimeoutsEightDigits() {
        RequestHeaders connect = post("application/proto").toBuilder().add("connect-timeout-ms", "9999999999").build();

        ConnectRequest.Call call = (ConnectRequest.Call) ConnectRequest.check(connect);

        assertThat(call.codec()).isEqualTo(Codec.PROTO);
        assertThat(call.grpcWeb().get("grpc-timeout")).isEqualTo("99999999m");
    }

    @Test
    void shouldSendNoGrpcTimeoutWithoutConnectTimeout() {
        ConnectRequest.Call call = (ConnectRequest.Call) ConnectRequest.check(post("application/json"));

        assertThat(call.grpcWeb().contains("grpc-timeout")).isFalse();
    }

    @Test
    void shouldRefuseAnotherContentTypeWith415NamingTheAcceptedOnes() {
        ConnectRequest.Refusal refusal = (ConnectRequest.Refusal) ConnectRequest.check(post("text/plain"));

        assertThat(refusal.http()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(refusal.code()).isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(refusal.headers().get("accept-post")).isEqualTo("application/json, application/proto");
    }

    @Test
    void shouldRefuseJsonInAnotherCharset() {
        ConnectRequest.Refusal refusal =
                (ConnectRequest.Refusal) ConnectRequest.check(post("application/json; charset=iso-8859-1"));

        assertThat(refusal.http()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void shouldRefuseAnotherProtocolVersion() {
        RequestHeaders connect = post("application/json").toBuilder().add("connect-protocol-version", "2").build();

        ConnectRequest.Refusal refusal = (ConnectRequest.Refusal) ConnectRequest.check(connect);

        assertThat(refusal.http()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refusal.message()).isEqualTo("connect-protocol-version must be 1");
    }

    @Test
    void shouldRefuseATimeoutThatIsNoNumber() {
        RequestHeaders connect = post("application/json").toBuilder().add("connect-timeout-ms", "-5").build();

        ConnectRequest.Refusal refusal = (ConnectRequest.Refusal) ConnectRequest.check(connect);

        assertThat(refusal.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refusal.message()).isEqualTo("connect-timeout-ms must be a positive integer of at most 10 digits");
    }

    @Test
    void shouldRefuseACompressedRequestAsUnimplementedSayingWhatItAccepts() {
        RequestHeaders connect = post("application/json").toBuilder().add("content-encoding", "gzip").build();

        ConnectRequest.Refusal refusal = (ConnectRequest.Refusal) ConnectRequest.check(connect);

        assertThat(refusal.code()).isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(refusal.headers().get("accept-encoding")).isEqualTo("identity");
    }

    @Test
    void shouldRefuseAGetWith405() {
        RequestHeaders get = RequestHeaders.builder(HttpMethod.GET, PATH).build();

        ConnectRequest.Refusal refusal = (ConnectRequest.Refusal) ConnectRequest.check(get);

        assertThat(refusal.http()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(refusal.headers().get("allow")).isEqualTo("POST");
    }

    private static RequestHeaders post(String contentType) {
        return RequestHeaders.builder(HttpMethod.POST, PATH).add("content-type", contentType).build();
    }
}
