package dev.pidgr.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplicationTest {

    @Test
    void shouldChooseAtMostThreeCopiesAndOneFewerInSyncWhenAskedForAuto() {
        assertThat(Replication.resolve((short) 0, (short) 0, 1)).isEqualTo(new Replication((short) 1, (short) 1));
        assertThat(Replication.resolve((short) 0, (short) 0, 2)).isEqualTo(new Replication((short) 2, (short) 1));
        assertThat(Replication.resolve((short) 0, (short) 0, 3)).isEqualTo(new Replication((short) 3, (short) 2));
        assertThat(Replication.resolve((short) 0, (short) 0, 7)).isEqualTo(new Replication((short) 3, (short) 2));
    }

    @Test
    void shouldKeepWhatWasAsked() {
        assertThat(Replication.resolve((short) 2, (short) 2, 5)).isEqualTo(new Replication((short) 2, (short) 2));
        assertThat(Replication.resolve((short) 5, (short) 0, 5)).isEqualTo(new Replication((short) 5, (short) 4));
    }

    @Test
    void shouldRefuseMoreCopiesThanBrokersOrMoreInSyncThanCopies() {
        assertThatThrownBy(() -> Replication.resolve((short) 3, (short) 0, 1))
                .hasMessage("--replication-factor 3 needs at least 3 brokers; the cluster has 1");
        assertThatThrownBy(() -> Replication.resolve((short) 2, (short) 3, 3))
                .hasMessage("--min-insync-replicas 3 is more than --replication-factor 2: no write could ever succeed");
    }
}
