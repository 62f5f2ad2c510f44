package dev.pidgr.gateway.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pidgr.gateway.channel.Attempt;
import dev.pidgr.gateway.push.RetryAfter;
import java.util.Optional;

/**
 * What an FCM v1 answer means (Firebase's "FCM error codes"): 200 with the message's {@code name} is accepted;
 * {@code UNREGISTERED} (404) the token is dead; 429 (with {@code Retry-After}) and 5xx are worth a retry; anything
 * else ({@code INVALID_ARGUMENT}, {@code SENDER_ID_MISMATCH}, {@code THIRD_PARTY_AUTH_ERROR}) is for good.
 */
public final class FcmAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FcmAnswers() {}

    public static Attempt of(int status, String body, Optional<String> retryAfter) {
        JsonNode answer = parse(body);
        if (status == 200) {
            return new Attempt.Accepted(answer.path("name").asText(""));
        }
        String code = errorCode(answer).orElse("HTTP " + status);
        if (status == 404 || "UNREGISTERED".equals(code)) {
            return new Attempt.Unregistered(code);
        }
        if (status == 429 || status >= 500) {
            return new Attempt.Transient(code, RetryAfter.parse(retryAfter));
        }
        return new Attempt.Failed(code);
    }

    /** The FcmError detail's {@code errorCode} when present, else the error's canonical {@code status}. */
    private static Optional<String> errorCode(JsonNode answer) {
        JsonNode error = answer.path("error");
        for (JsonNode detail : error.path("details")) {
            if (detail.hasNonNull("errorCode")) {
                return Optional.of(detail.get("errorCode").asText());
            }
        }
        return Optional.ofNullable(error.get("status")).map(JsonNode::asText);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }
}
