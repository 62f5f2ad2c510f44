package dev.pidgr.api.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaders;
import io.grpc.Status;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ConnectErrorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldCarryTheMessageAndEachDetailAsTypeAndBase64Value() throws Exception {
        BadRequest badRequest = BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                .setField("name").setDescription("must be at least 1 characters")).build();
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder().setCode(Status.Code.INVALID_ARGUMENT.value())
                .setMessage("name: must be at least 1 characters").addDetails(Any.pack(badRequest)).build();

        AggregatedHttpResponse response = ConnectError.response(status, HttpHeaders.of("x-pidgr-version", "3"));

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(response.contentType().toString()).startsWith("application/json");
        assertThat(response.headers().get("x-pidgr-version")).isEqualTo("3");
        JsonNode body = JSON.readTree(response.contentUtf8());
        assertThat(body.get("code").asText()).isEqualTo("invalid_argument");
        assertThat(body.get("message").asText()).isEqualTo("name: must be at least 1 characters");
        JsonNode detail = body.get("details").get(0);
        assertThat(detail.get("type").asText()).isEqualTo("google.rpc.BadRequest");
        assertThat(BadRequest.parseFrom(
                        Base64.getDecoder().decode(detail.get("value").asText())))
                .isEqualTo(badRequest);
    }

    @Test
    void shouldLeaveOutAnEmptyMessageAndNoDetails() throws Exception {
        AggregatedHttpResponse response = ConnectError.response(Status.Code.NOT_FOUND, "");

        assertThat(response.status().code()).isEqualTo(404);
        assertThat(JSON.readTree(response.contentUtf8()).toString()).isEqualTo("{\"code\":\"not_found\"}");
    }

    @Test
    void shouldAnswerEachCodeWithTheProtocolsHttpStatus() {
        assertThat(ConnectCodes.httpStatus(Status.Code.CANCELLED).code()).isEqualTo(499);
        assertThat(ConnectCodes.httpStatus(Status.Code.UNKNOWN).code()).isEqualTo(500);
        assertThat(ConnectCodes.httpStatus(Status.Code.INVALID_ARGUMENT).code()).isEqualTo(400);
        assertThat(ConnectCodes.httpStatus(Status.Code.DEADLINE_EXCEEDED).code()).isEqualTo(504);
        assertThat(ConnectCodes.httpStatus(Status.Code.NOT_FOUND).code()).isEqualTo(404);
        assertThat(ConnectCodes.httpStatus(Status.Code.ALREADY_EXISTS).code()).isEqualTo(409);
        assertThat(ConnectCodes.httpStatus(Status.Code.PERMISSION_DENIED).code()).isEqualTo(403);
        assertThat(ConnectCodes.httpStatus(Status.Code.RESOURCE_EXHAUSTED).code()).isEqualTo(429);
        assertThat(ConnectCodes.httpStatus(Status.Code.FAILED_PRECONDITION).code()).isEqualTo(400);
        assertThat(ConnectCodes.httpStatus(Status.Code.ABORTED).code()).isEqualTo(409);
        assertThat(ConnectCodes.httpStatus(Status.Code.OUT_OF_RANGE).code()).isEqualTo(400);
        assertThat(ConnectCodes.httpStatus(Status.Code.UNIMPLEMENTED).code()).isEqualTo(501);
        assertThat(ConnectCodes.httpStatus(Status.Code.INTERNAL).code()).isEqualTo(500);
        assertThat(ConnectCodes.httpStatus(Status.Code.UNAVAILABLE).code()).isEqualTo(503);
        assertThat(ConnectCodes.httpStatus(Status.Code.DATA_LOSS).code()).isEqualTo(500);
        assertThat(ConnectCodes.httpStatus(Status.Code.UNAUTHENTICATED).code()).isEqualTo(401);
    }

    @Test
    void shouldNameCodesInLowerSnakeCaseWithCanceledSpelledAsConnectDoes() {
        assertThat(ConnectCodes.name(Status.Code.CANCELLED)).isEqualTo("canceled");
        assertThat(ConnectCodes.name(Status.Code.RESOURCE_EXHAUSTED)).isEqualTo("resource_exhausted");
        assertThat(ConnectCodes.name(Status.Code.UNAUTHENTICATED)).isEqualTo("unauthenticated");
    }
}
