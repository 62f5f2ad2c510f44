package dev.pidgr.localproviders.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What the local FCM answers without the credentials Google checks: nothing is recorded as sent. */
class FcmServerTest {

    private static final String SEND = "{\"message\": {\"token\": \"t1\", \"notification\": {\"title\": \"x\"}}}";

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String url, String contentType, String authorization, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldRefuseAnAssertionSignedByAnotherKeyAsInvalidGrant() throws Exception {
        ServiceAccount account = ServiceAccount.generate("p1", "a@p1.example");
        try (FcmServer fcm = FcmServer.start(account)) {
            HttpResponse<String> answer = post(fcm.tokenEndpoint(), "application/x-www-form-urlencoded", null,
                    "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=not.a.jwt");

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).contains("\"invalid_grant\"");
            assertThat(fcm.tokenRequests()).isEqualTo(1);
        }
    }

    @Test
    void shouldAnswerASendWithoutAnIssuedTokenWith401AndRecordNothing() throws Exception {
        ServiceAccount account = ServiceAccount.generate("p1", "a@p1.example");
        try (FcmServer fcm = FcmServer.start(account)) {
            HttpResponse<String> answer = post(fcm.base() + "/v1/projects/p1/messages:send", "application/json",
                    "Bearer ya29.made-up", SEND);

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.body()).contains("\"errorCode\": \"THIRD_PARTY_AUTH_ERROR\"");
            assertThat(fcm.received()).isEmpty();
        }
    }

    @Test
    void shouldWriteAKeyFileNamingTheProjectTheAccountAndTheTokenUri() throws Exception {
        ServiceAccount account = ServiceAccount.generate("p1", "a@p1.example");

        String json = account.json("http://127.0.0.1:1/token").replaceAll("\"private_key\": \"[^\"]*\"", "");

        assertThat(json).isEqualTo("{\"type\": \"service_account\", \"project_id\": \"p1\", \"private_key_id\":"
                + " \"k1\", , \"client_email\": \"a@p1.example\", \"client_id\": \"1\","
                + " \"token_uri\": \"http://127.0.0.1:1/token\"}");
    }
}
