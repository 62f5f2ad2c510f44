package dev.pidgr.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingOffsetsTest {

    private static final TopicPartition P0 = new TopicPartition("push", 0);
    private final PendingOffsets<String> pending = new PendingOffsets<>();

    @Test
    void shouldCommitOnlyTheFinishedPrefixOfAPartition() {
        pending.started(P0, 10);
        pending.started(P0, 11);
        pending.started(P0, 12);
        pending.finished(P0, 10, "a");
        pending.finished(P0, 12, "c");

        PendingOffsets.Commit<String> commit = pending.takeCommittable();

        assertThat(commit.results()).containsExactly("a");
        assertThat(commit.offsets()).isEqualTo(Map.of(P0, 11L));
        assertThat(pending.size(P0)).isEqualTo(2);
    }

    @Test
    void shouldCommitTheRestOnceTheGapFinishes() {
        pending.started(P0, 10);
        pending.started(P0, 11);
        pending.finished(P0, 11, "b");
        pending.takeCommittable();
        pending.finished(P0, 10, "a");

        PendingOffsets.Commit<String> commit = pending.takeCommittable();

        assertThat(commit.results()).isEqualTo(List.of("a", "b"));
        assertThat(commit.offsets()).isEqualTo(Map.of(P0, 12L));
    }

    @Test
    void shouldIgnoreAResultOfAForgottenPartition() {
        pending.started(P0, 10);
        pending.forget(P0);
        pending.finished(P0, 10, "late");

        assertThat(pending.takeCommittable().isEmpty()).isTrue();
    }
}
