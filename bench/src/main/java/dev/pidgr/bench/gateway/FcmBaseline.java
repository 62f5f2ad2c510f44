package dev.pidgr.bench.gateway;

import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The push half's baseline: what the gateway's FCM sender does for each message, without pidgr around it: one
 * OAuth token from the same service account (Google's auth library), then the JDK's HTTP client posting a v1
 * {@code messages:send} body of the same shape to the same local FCM server, with as many in flight as the gateway's
 * FCM limit.
 */
final class FcmBaseline {

    private static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private FcmBaseline() {
    }

    /** Sends one message to each registration token; returns messages per second (all must be answered 200). */
    static double run(LocalFcm fcm, List<String> tokens, int concurrency) throws Exception {
        ServiceAccountCredentials credentials;
        try (InputStream in = Files.newInputStream(fcm.keyFile())) {
            credentials = (ServiceAccountCredentials) ServiceAccountCredentials.fromStream(in)
                    .createScoped(List.of(SCOPE));
        }
        URI send = URI.create(fcm.server().base() + "/v1/projects/" + credentials.getProjectId() + "/messages:send");
        Semaphore inFlight = new Semaphore(concurrency);
        long start = System.nanoTime();
        try (HttpClient http = HttpClient.newHttpClient()) {
            credentials.refreshIfExpired();
            String bearer = "Bearer " + credentials.getAccessToken().getTokenValue();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>(tokens.size());
            for (int i = 0; i < tokens.size(); i++) {
                inFlight.acquire();
                HttpRequest request = HttpRequest.newBuilder(send)
                        .header("Authorization", bearer)
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body(tokens.get(i), i)))
                        .build();
                answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .whenComplete((answer, failure) -> inFlight.release()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                if (answer.get().statusCode() != 200) {
                    throw new IllegalStateException("the local FCM server answered " + answer.get().statusCode());
                }
            }
        }
        return tokens.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** The gateway's message shape (gateway's FcmMessage): tray notification, push id and link as data. */
    private static String body(String token, int index) {
        return "{\"message\":{\"token\":\"" + token + "\",\"notification\":{\"title\":\"Hello Person " + index
                + "\",\"body\":\"The new travel policy is out\"},\"data\":{\"push_id\":\"baseline-" + index
                + "\",\"deep_link\":\"pidgr://inbox/baseline-" + index + "\"},\"android\":{\"priority\":\"high\"}}}";
    }
}
