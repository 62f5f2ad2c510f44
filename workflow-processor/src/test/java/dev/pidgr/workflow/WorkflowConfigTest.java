package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.contract.Topics;
import dev.pidgr.contract.poll.IdlePollClients;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class WorkflowConfigTest {

    @Test
    void shouldPollShortWhileBusyAndLongWhenQuiet() {
        Properties config = WorkflowProcessor.streamsConfig(new Properties(), Topics.standard());

        assertThat(config.get(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(5);
        assertThat(config.get(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG)).isEqualTo(IdlePollClients.class);
    }
}
