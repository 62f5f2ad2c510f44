package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.Results;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.Delivery;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.GetCampaignResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Connect protocol on the gRPC port, as curl and Connect-Web's default transport speak it:
 * bare messages in JSON or protobuf, errors as Connect's JSON body with the same message and
 * details as gRPC, the same authentication and headers.
 */
class ConnectProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String CAMPAIGN = UUID.randomUUID().toString();
    private static final String VIEWER = TestTokens.token("viewer", TestTokens.ORG, Permission.VIEW_CAMPAIGNS);
    private static final String MANAGER = TestTokens.token("manager", TestTokens.ORG, Permission.MANAGE_CAMPAIGNS,
            Permission.MANAGE_TEMPLATES);
    private static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness(
                builder -> builder.limits(ApiLimits.DEFAULTS.withMaxMutationDeadline(Duration.ofSeconds(2))));
        api.reads.project(TestTokens.ORG, Campaign.newBuilder().setId(CAMPAIGN).setName("Travel policy").setVersion(3)
                .setStatus(CampaignStatus.CAMPAIGN_STATUS_ACTIVE).setTotalRecipients(1).build());
        api.reads.addDelivery(Delivery.newBuilder().setId(UUID.randomUUID().toString()).setCampaignId(CAMPAIGN)
                .setUserId("alice").setStatus(DeliveryStatus.DELIVERY_STATUS_SENT).build());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void shouldAnswerAJsonCallWithTheBareResponseMessageInJson() throws Exception {
        HttpResponse<String> response = json("CampaignService/GetCampaign", "{\"id\":\"" + CAMPAIGN + "\"}", VIEWER);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode campaign = JSON.readTree(response.body()).get("campaign");
        assertThat(campaign.get("name").asText()).isEqualTo("Travel policy");
        assertThat(campaign.get("status").asText()).isEqualTo("CAMPAIGN_STATUS_ACTIVE");
        assertThat(campaign.get("version").asText()).as("int64 as a JSON string").isEqualTo("3");
    }

    @Test
    void shouldAcceptOriginalFieldNamesEnumNamesAndUnknownFields() throws Exception {
        HttpResponse<String> response = json(
                "CampaignService/ListDeliveries",
                "{\"campaign_id\":\"" + CAMPAIGN
                        + "\",\"status_filter\":\"DELIVERY_STATUS_SENT\",\"from_a_newer_client\":1}",
                VIEWER);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("deliveries").get(0).get("userId").asText()).isEqualTo("alice");
    }

    @Test
    void shouldAnswerABinaryCallWithTheBareResponseMessage() throws Exception {
        HttpRequest request = post("CampaignService/GetCampaign", "application/proto", VIEWER)
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        GetCampaignRequest.newBuilder().setId(CAMPAIGN).build().toByteArray()))
                .build();

        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/proto");
        assertThat(GetCampaignResponse.parseFrom(response.body()).getCampaign().getName()).isEqualTo("Travel policy");
    }

    @Test
    void shouldAnswerAnInvalidRequestWithTheSameMessageAndFieldViolationsAsGrpc() throws Exception {
        HttpResponse<String> response = json("CampaignService/CreateCampaign",
                "{\"name\":\"\",\"templateId\":\"" + UUID.randomUUID() + "\",\"userIds\":[\"someone\"]}", MANAGER);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("code").asText()).isEqualTo("invalid_argument");
        assertThat(error.get("message").asText()).isEqualTo("name: must be at least 1 characters");
        JsonNode detail = error.get("details").get(0);
        assertThat(detail.get("type").asText()).isEqualTo("google.rpc.BadRequest");
        BadRequest badRequest = BadRequest.parseFrom(Base64.getDecoder().decode(detail.get("value").asText()));
        assertThat(badRequest.getFieldViolations(0).getField()).isEqualTo("name");
    }

    @Test
    void shouldAnswerACallWithoutATokenUnauthenticatedWith401() throws Exception {
        HttpResponse<String> response = json("CampaignService/ListCampaigns", "{}", null);

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("code").asText()).isEqualTo("unauthenticated");
        assertThat(error.get("message").asText()).isEqualTo("missing bearer token: send authorization: Bearer <JWT>");
    }

    @Test
    void shouldAnswerAnotherOrganizationsCampaignNotFound() throws Exception {
        String other = TestTokens.token("eve", TestTokens.OTHER_ORG, Permission.VIEW_CAMPAIGNS);

        HttpResponse<String> response = json("CampaignService/GetCampaign", "{\"id\":\"" + CAMPAIGN + "\"}", other);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void shouldAnswerJsonThatIsNoRequestOfTheRpcInvalidArgument() throws Exception {
        HttpResponse<String> response = json("CampaignService/GetCampaign", "{\"id\": [", VIEWER);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("code").asText()).isEqualTo("invalid_argument");
        assertThat(error.get("message").asText()).startsWith("the request is not valid JSON for this RPC");
    }

    @Test
    void shouldAnswerAMutationWithTheVersionHeaderAndReplayItForTheSameIdempotencyKey() throws Exception {
        api.responder.answerTemplates(command -> Optional.of(Results.accepted(command, 1)));
        String body = "{\"name\":\"welcome\",\"body\":\"Hello\"}";
        String key = "connect-" + UUID.randomUUID();

        HttpResponse<String> first = HTTP.send(
                post("TemplateService/CreateTemplate", "application/json", MANAGER)
                        .header("idempotency-key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = HTTP.send(
                post("TemplateService/CreateTemplate", "application/json", MANAGER)
                        .header("idempotency-key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-pidgr-version")).hasValue("1");
        String id = JSON.readTree(first.body()).get("template").get("id").asText();
        assertThat(JSON.readTree(again.body()).get("template").get("id").asText()).isEqualTo(id);
    }

    @Test
    void shouldClampConnectTimeoutLikeGrpcTimeout() throws Exception {
        api.responder.answerCampaigns(command -> Optional.empty());
        HttpRequest request = post("CampaignService/CancelCampaign", "application/json", MANAGER)
                .header("connect-timeout-ms", "3600000")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + CAMPAIGN + "\"}"))
                .build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("an hour asked, the server's 2 s given").isEqualTo(504);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("deadline_exceeded");
    }

    @Test
    void shouldRefuseConnectRequestBytesBeyondTheOrganizationsShareWithAConnectError() throws Exception {
        try (ApiHarness small = new ApiHarness(builder -> builder.limits(ApiLimits.DEFAULTS
                .withRequestBytes(400_000, 250_000)
                .withMaxMutationDeadline(Duration.ofSeconds(10))))) {
            String members = largeAudience(6_000);
            var first = HTTP.sendAsync(createCampaign(small, members), HttpResponse.BodyHandlers.ofString());
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> small.responder.campaignCommands().size() == 1);

            HttpResponse<String> refused =
                    HTTP.send(createCampaign(small, members), HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(429);
            JsonNode error = JSON.readTree(refused.body());
            assertThat(error.get("code").asText()).isEqualTo("resource_exhausted");
            assertThat(error.get("message").asText())
                    .isEqualTo(
                            "too many request bytes in service for this organization on this server (at most 250000);"
                                    + " retry after a short delay");
            JsonNode info = error.get("details").get(0);
            assertThat(info.get("type").asText()).isEqualTo("google.rpc.ErrorInfo");
            assertThat(ErrorInfo.parseFrom(Base64.getDecoder().decode(info.get("value").asText())).getMetadataMap())
                    .containsEntry("limit", "request_bytes").containsEntry("scope", "organization");
            assertThat(first.get().statusCode()).isEqualTo(504);
        }
    }

    @Test
    void shouldAllowAndExposeTheConnectHeadersToBrowsers() throws Exception {
        HttpRequest preflight = HttpRequest.newBuilder(URI.create(api.uri() + "/pidgr.v1.CampaignService/GetCampaign"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("origin", "https://app.example.com")
                .header("access-control-request-method", "POST")
                .header(
                        "access-control-request-headers",
                        "authorization,content-type,connect-protocol-version,connect-timeout-ms")
                .build();

        HttpResponse<String> response = HTTP.send(preflight, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("access-control-allow-headers").orElseThrow().toLowerCase())
                .contains("connect-protocol-version", "connect-timeout-ms", "authorization");
    }

    private static HttpRequest createCampaign(ApiHarness harness, String audience) {
        String token = TestTokens.token("manager", "org-a", Permission.MANAGE_CAMPAIGNS);
        return HttpRequest.newBuilder(URI.create(harness.uri() + "/pidgr.v1.CampaignService/CreateCampaign"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"large\",\"templateId\":\"" + UUID.randomUUID()
                        + "\",\"audience\":" + audience + "}"))
                .build();
    }

    /** {@code members} members with 20-character ids: about 35 bytes each in JSON. */
    private static String largeAudience(int members) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < members; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"userId\":\"")
                    .append(String.format("member-%013d", i))
                    .append("\"}");
        }
        return json.append(']').toString();
    }

    private static HttpResponse<String> json(String method, String body, String token) throws Exception {
        HttpRequest request = post(method, "application/json", token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder post(String method, String contentType, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api.uri() + "/pidgr.v1." + method))
                .header("content-type", contentType)
                .header("connect-protocol-version", "1")
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("authorization", "Bearer " + token);
        }
        return builder;
    }
}
