package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.auth.TokenVerifier;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.ListCampaignsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call's token is verified once: RequestBytes verifies it to charge the request's bytes to the
 * caller's organization and the authentication interceptor uses that verification.
 */
class TokenVerifiedOnceTest {

    private static final AtomicInteger VERIFICATIONS = new AtomicInteger();
    private static final String VIEWER = TestTokens.token("viewer", TestTokens.ORG, Permission.VIEW_CAMPAIGNS);
    private static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        TokenVerifier counting = token -> {
            VERIFICATIONS.incrementAndGet();
            return TestTokens.verifier().verify(token);
        };
        api = new ApiHarness(builder -> builder.tokenVerifier(counting));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @BeforeEach
    void resetTheCount() {
        VERIFICATIONS.set(0);
    }

    @Test
    void shouldVerifyAGrpcCallsTokenOnce() {
        api.stub(CampaignServiceGrpc.CampaignServiceBlockingStub.class, VIEWER)
                .listCampaigns(ListCampaignsRequest.getDefaultInstance());
        api.stub(CampaignServiceGrpc.CampaignServiceBlockingStub.class, VIEWER)
                .listCampaigns(ListCampaignsRequest.getDefaultInstance());

        assertThat(VERIFICATIONS).hasValue(2);
    }

    @Test
    void shouldVerifyAConnectCallsTokenOnce() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                        .uri(URI.create(api.uri() + "/pidgr.v1.CampaignService/ListCampaigns"))
                        .header("content-type", "application/json")
                        .header("authorization", "Bearer " + VIEWER)
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(VERIFICATIONS).hasValue(1);
    }

    @Test
    void shouldStillRefuseATokenThatDoesNotVerify() {
        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                () -> api.stub(CampaignServiceGrpc.CampaignServiceBlockingStub.class, VIEWER + "x")
                        .listCampaigns(ListCampaignsRequest.getDefaultInstance()));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(VERIFICATIONS).as("RequestBytes tried, and the interceptor again").hasValue(2);
    }
}
