package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.ListCampaignsRequest;
import dev.pidgr.api.v1.ListCampaignsResponse;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One port: native gRPC, gRPC-Web over HTTP/1.1 with CORS, health and reflection without a token. */
class TransportTest {

    private static ApiHarness api;
    private static final HttpClient HTTP1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void shouldServeGrpcWebOverHttp11() throws Exception {
        HttpResponse<byte[]> response = listCampaignsOverGrpcWeb(
                ListCampaignsRequest.getDefaultInstance().toByteArray());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        Map<String, String> trailers = new HashMap<>();
        byte[] data = frames(response.body(), trailers);
        assertThat(trailers).containsEntry("grpc-status", "0");
        assertThat(ListCampaignsResponse.parseFrom(data).getCampaignsList()).isEmpty();
    }

    @Test
    void shouldAnswerRequestBytesThatAreNoMessageWithInvalidArgument() throws Exception {
        HttpResponse<byte[]> response = listCampaignsOverGrpcWeb(new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe});
        Map<String, String> trailers = new HashMap<>();
        response.headers().map().forEach((k, v) -> trailers.put(k, v.getFirst()));
        frames(response.body(), trailers);
        assertThat(trailers).containsEntry("grpc-status", "3");
        assertThat(java.net.URLDecoder.decode(trailers.get("grpc-message"), StandardCharsets.UTF_8))
                .startsWith("the request is not a valid protobuf message of this RPC");
    }

    /** ListCampaigns over gRPC-Web on HTTP/1.1 with a viewer's token, {@code message} in one data frame. */
    private static HttpResponse<byte[]> listCampaignsOverGrpcWeb(byte[] message) throws Exception {
        ByteBuffer frame = ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.uri() + "/pidgr.v1.CampaignService/ListCampaigns"))
                .header("content-type", "application/grpc-web+proto")
                .header("x-grpc-web", "1")
                .header("authorization", "Bearer " + TestTokens.token("u", TestTokens.ORG, Permission.VIEW_CAMPAIGNS))
                .POST(HttpRequest.BodyPublishers.ofByteArray(frame.array()))
                .build();
        return HTTP1.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void shouldAnswerGrpcWebWithoutTokenUnauthenticatedInTheTrailers() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.uri() + "/pidgr.v1.CampaignService/ListCampaigns"))
                .header("content-type", "application/grpc-web+proto")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 0, 0, 0, 0}))
                .build();
        HttpResponse<byte[]> response = HTTP1.send(request, HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> trailers = new HashMap<>(Map.of());
        response.headers().map().forEach((k, v) -> trailers.put(k, v.getFirst()));
        frames(response.body(), trailers);
        assertThat(trailers).containsEntry("grpc-status", "16");
    }

    @Test
    void shouldAnswerACorsPreflightForGrpcWeb() throws Exception {
        HttpRequest preflight = HttpRequest.newBuilder(
                        URI.create(api.uri() + "/pidgr.v1.CampaignService/ListCampaigns"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("origin", "https://app.example.com")
                .header("access-control-request-method", "POST")
                .header("access-control-request-headers", "authorization,content-type,x-grpc-web,idempotency-key")
                .build();
        HttpResponse<String> response = HTTP1.send(preflight, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("access-control-allow-origin")).isPresent();
        assertThat(response.headers().firstValue("access-control-allow-headers").orElseThrow().toLowerCase())
                .contains("authorization", "idempotency-key", "x-grpc-web");
    }

    @Test
    void shouldExposeGrpcHeadersToBrowsers() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.uri() + "/pidgr.v1.CampaignService/ListCampaigns"))
                .header("content-type", "application/grpc-web+proto")
                .header("origin", "https://app.example.com")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 0, 0, 0, 0}))
                .build();
        HttpResponse<byte[]> response = HTTP1.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("access-control-expose-headers").orElseThrow().toLowerCase())
                .contains("grpc-status", "grpc-message", "grpc-status-details-bin", "x-pidgr-version");
    }

    @Test
    void shouldReportServingOnlyWhileReady() {
        var health = GrpcClients.newClient(api.uri(), HealthGrpc.HealthBlockingStub.class);
        HealthCheckRequest overall = HealthCheckRequest.newBuilder().setService("").build();
        api.ready.set(false);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> health.check(overall).getStatus() == ServingStatus.NOT_SERVING);
        api.ready.set(true);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> health.check(overall).getStatus() == ServingStatus.SERVING);
        assertThat(health.check(overall).getStatus()).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void shouldListOurServicesThroughReflectionWithoutAToken() throws Exception {
        var reflection = GrpcClients.newClient(api.uri(), ServerReflectionGrpc.ServerReflectionStub.class);
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = reflection.serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        List<String> services = answer.get(30, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).toList();
        requests.onCompleted();
        assertThat(services).contains("pidgr.v1.CampaignService", "pidgr.v1.TemplateService", "pidgr.v1.InboxService",
                "pidgr.v1.ActionService");
    }

    /** Splits a gRPC-Web body into its data (returned) and its trailer frame (into {@code trailers}). */
    private static byte[] frames(byte[] body, Map<String, String> trailers) {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (buffer.remaining() >= 5) {
            byte flags = buffer.get();
            byte[] payload = new byte[buffer.getInt()];
            buffer.get(payload);
            if ((flags & 0x80) != 0) {
                for (String line : new String(payload, StandardCharsets.US_ASCII).split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        trailers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
                    }
                }
            } else {
                data.writeBytes(payload);
            }
        }
        return data.toByteArray();
    }
}
