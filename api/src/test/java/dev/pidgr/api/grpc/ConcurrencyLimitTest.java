package dev.pidgr.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.pidgr.api.support.Calls;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slots per server and per organization; beyond either, RESOURCE_EXHAUSTED saying which, counted. */
class ConcurrencyLimitTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConcurrencyLimit limit = new ConcurrencyLimit("mutations", "mutations in flight", 3, 2, registry);

    private double rejections(String scope) {
        return registry.get(ConcurrencyLimit.REJECTIONS)
                .tag("limit", "mutations")
                .tag("scope", scope)
                .counter()
                .count();
    }

    @Test
    void shouldRefuseAnOrganizationBeyondItsShareWhileOthersStillGetSlots() {
        limit.acquire("a");
        limit.acquire("a");

        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> limit.acquire("a"));
        limit.acquire("b");

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(refused.getStatus().getDescription())
                .isEqualTo(
                        "too many mutations in flight for this organization on this server (at most 2); retry after a"
                                + " short delay");
        ErrorInfo info = Calls.errorInfo(refused).orElseThrow();
        assertThat(info.getReason()).isEqualTo("CONCURRENCY_LIMIT");
        assertThat(info.getMetadataMap())
                .containsEntry("limit", "mutations")
                .containsEntry("scope", "organization")
                .containsEntry("max", "2");
        assertThat(rejections("organization")).isEqualTo(1);
        assertThat(limit.inUse()).isEqualTo(3);
    }

    @Test
    void shouldRefuseEveryoneOnceTheServerIsFull() {
        limit.acquire("a");
        limit.acquire("b");
        limit.acquire("c");

        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> limit.acquire("d"));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(refused.getStatus().getDescription())
                .isEqualTo("too many mutations in flight on this server (at most 3); retry after a short delay");
        assertThat(Calls.errorInfo(refused).orElseThrow().getMetadataMap()).containsEntry("scope", "server");
        assertThat(Calls.detail(refused, RetryInfo.class).orElseThrow().getRetryDelay().getSeconds()).isEqualTo(1);
        assertThat(rejections("server")).isEqualTo(1);
        assertThat(limit.inUse()).isEqualTo(3);
    }

    @Test
    void shouldGiveASlotBackOnceHoweverOftenItIsClosed() {
        ConcurrencyLimit.Permit first = limit.acquire("a");
        limit.acquire("a");

        first.close();
        first.close();

        assertThat(limit.inUse()).isEqualTo(1);
        limit.acquire("a");
        assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> limit.acquire("a"))).isNotNull();
    }

    @Test
    void shouldShowTheSlotsInUseAsAGauge() {
        List<ConcurrencyLimit.Permit> held = new ArrayList<>(List.of(limit.acquire("a"), limit.acquire("b")));

        assertThat(registry.get(ConcurrencyLimit.IN_USE).tag("limit", "mutations").gauge().value()).isEqualTo(2);
        held.forEach(ConcurrencyLimit.Permit::close);
        assertThat(registry.get(ConcurrencyLimit.IN_USE).tag("limit", "mutations").gauge().value()).isZero();
    }
}
