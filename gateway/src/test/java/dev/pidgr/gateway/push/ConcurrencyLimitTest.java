package dev.pidgr.gateway.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

    private final List<CompletableFuture<String>> started = new ArrayList<>();

    private CompletionStage<String> task() {
        CompletableFuture<String> running = new CompletableFuture<>();
        started.add(running);
        return running;
    }

    @Test
    void shouldStartNoMoreThanTheLimitAndTheNextWhenOneEnds() {
        ConcurrencyLimit limit = new ConcurrencyLimit(2);

        CompletionStage<String> first = limit.submit(this::task);
        limit.submit(this::task);
        CompletionStage<String> third = limit.submit(this::task);

        assertThat(started).hasSize(2);
        started.get(0).complete("one");
        assertThat(started).hasSize(3);
        assertThat(first.toCompletableFuture().join()).isEqualTo("one");
        assertThat(third.toCompletableFuture().isDone()).isFalse();
        started.get(2).complete("three");
        assertThat(third.toCompletableFuture().join()).isEqualTo("three");
    }

    @Test
    void shouldReturnThePermitWhenATaskFails() {
        ConcurrencyLimit limit = new ConcurrencyLimit(1);

        CompletionStage<String> failing = limit.submit(() -> {
            throw new IllegalStateException("boom");
        });
        CompletionStage<String> next = limit.submit(() -> CompletableFuture.completedFuture("next"));

        assertThat(failing.toCompletableFuture().isCompletedExceptionally()).isTrue();
        assertThat(next.toCompletableFuture().join()).isEqualTo("next");
        assertThat(limit.available()).isEqualTo(1);
    }
}
