package dev.pidgr.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web console on the api port when asked for: its files with a strict Content-Security-Policy,
 * and the operations figures only for a token that may view campaigns. Without asking, none of it.
 */
class ConsoleServingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String MANAGER = TestTokens.token("manager", TestTokens.ORG, Permission.VIEW_CAMPAIGNS);
    private static final String RECIPIENT = TestTokens.token("alice", TestTokens.ORG);
    private static final OperationsStatus STATUS = new OperationsStatus(
            true,
            List.of("api", "query"),
            List.of(new OperationsStatus.Lag("deliveries", 12, 0.5)),
            List.of(),
            new OperationsStatus.Replay("data_2", false));
    private static ApiHarness withConsole;
    private static ApiHarness without;

    @BeforeAll
    static void start() throws Exception {
        withConsole = new ApiHarness(builder -> builder.console(() -> STATUS));
        without = new ApiHarness();
    }

    @AfterAll
    static void stop() throws Exception {
        withConsole.close();
        without.close();
    }

    @Test
    void shouldServeThePageWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get(withConsole, "/console/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
        assertThat(page.headers().firstValue("content-security-policy")).hasValue(ConsoleFiles.CONTENT_SECURITY_POLICY);
        assertThat(ConsoleFiles.CONTENT_SECURITY_POLICY).contains("script-src 'self'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    }

    @Test
    void shouldServeTheModulesAsJavaScript() throws Exception {
        HttpResponse<String> module = get(withConsole, "/console/js/api.js", null);

        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    }

    @Test
    void shouldRedirectTheConsoleWithoutItsSlash() throws Exception {
        HttpResponse<String> response = get(withConsole, "/console", null);

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("location")).hasValue("/console/");
    }

    @Test
    void shouldAnswerTheOperationsFiguresToAManager() throws Exception {
        HttpResponse<String> response = get(withConsole, OperationsEndpoint.PATH, MANAGER);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("ready").asBoolean()).isTrue();
        assertThat(body.get("projections").get(0).get("name").asText()).isEqualTo("deliveries");
        assertThat(body.get("projections").get(0).get("recordsBehind").asLong()).isEqualTo(12);
        assertThat(body.get("replay").get("into").asText()).isEqualTo("data_2");
    }

    @Test
    void shouldRefuseTheOperationsFiguresWithoutATokenOrToARecipient() throws Exception {
        assertThat(get(withConsole, OperationsEndpoint.PATH, null).statusCode()).isEqualTo(401);
        assertThat(get(withConsole, OperationsEndpoint.PATH, "not-a-jwt").statusCode()).isEqualTo(401);
        assertThat(get(withConsole, OperationsEndpoint.PATH, RECIPIENT).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldServeNoConsoleUnlessAskedFor() throws Exception {
        assertThat(get(without, "/console/", null).statusCode()).isEqualTo(404);
        assertThat(get(without, OperationsEndpoint.PATH, MANAGER).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(ApiHarness api, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.uri() + path)).GET();
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
