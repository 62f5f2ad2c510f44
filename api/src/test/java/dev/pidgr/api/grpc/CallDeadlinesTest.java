package dev.pidgr.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.InboxServiceGrpc;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import io.grpc.Metadata;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A call's deadline: the client's, 10 s without one, never beyond the server's clamp. */
class CallDeadlinesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String CREATE = CampaignServiceGrpc.getCreateCampaignMethod().getFullMethodName();
    private static final String UPDATE_TEMPLATE = TemplateServiceGrpc.getUpdateTemplateMethod().getFullMethodName();
    private static final String GET = CampaignServiceGrpc.getGetCampaignMethod().getFullMethodName();
    private static final String SYNC = InboxServiceGrpc.getSyncMethod().getFullMethodName();

    private final CallDeadlines deadlines = new CallDeadlines(Duration.ofSeconds(60), Duration.ofSeconds(10));

    private static Metadata timeout(String value) {
        Metadata headers = new Metadata();
        if (value != null) {
            headers.put(CallDeadlines.GRPC_TIMEOUT, value);
        }
        return headers;
    }

    @Test
    void shouldParseGrpcTimeouts() {
        assertThat(CallDeadlines.parse("1500m")).contains(Duration.ofMillis(1500));
        assertThat(CallDeadlines.parse("2S")).contains(Duration.ofSeconds(2));
        assertThat(CallDeadlines.parse("x")).isEmpty();
        assertThat(CallDeadlines.parse("12X")).isEmpty();
    }

    @Test
    void shouldGiveACallWithoutDeadlineTenSeconds() {
        assertThat(deadlines.deadline(GET, timeout(null), NOW)).isEqualTo(NOW.plusSeconds(10));
        assertThat(deadlines.deadline(CREATE, timeout(null), NOW)).isEqualTo(NOW.plusSeconds(10));
    }

    @Test
    void shouldKeepAClientDeadlineWithinTheClamp() {
        assertThat(deadlines.deadline(CREATE, timeout("45S"), NOW)).isEqualTo(NOW.plusSeconds(45));
        assertThat(deadlines.deadline(GET, timeout("2500m"), NOW)).isEqualTo(NOW.plusMillis(2500));
    }

    @Test
    void shouldClampAMutationAskingForHoursToAMinute() {
        assertThat(deadlines.deadline(CREATE, timeout("2H"), NOW)).isEqualTo(NOW.plusSeconds(60));
        assertThat(deadlines.deadline(UPDATE_TEMPLATE, timeout("99999999S"), NOW)).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void shouldClampEveryOtherCallAskingForHoursToTenSeconds() {
        assertThat(deadlines.deadline(GET, timeout("1H"), NOW)).isEqualTo(NOW.plusSeconds(10));
        assertThat(deadlines.deadline(SYNC, timeout("30M"), NOW)).isEqualTo(NOW.plusSeconds(10));
    }
}
