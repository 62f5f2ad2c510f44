package dev.pidgr.contract.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** No broker is needed: the clients connect only when used, and these tests never use them. */
class IdlePollClientsTest {

    private final IdlePollClients clients = new IdlePollClients();

    @Test
    void shouldSupplyTheAdminKafkaStreamsAsksEverySupplierFor() {
        try (Admin admin = clients.getAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9"))) {
            assertThat(admin).isNotNull();
        }
    }

    @Test
    void shouldGiveTheStreamAndGlobalThreadsIdlePollingConsumers() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
                ConsumerConfig.GROUP_ID_CONFIG, "idle-poll-clients-test");
        try (Consumer<byte[], byte[]> main = clients.getConsumer(config);
             Consumer<byte[], byte[]> global = clients.getGlobalConsumer(config);
             Consumer<byte[], byte[]> restore = clients.getRestoreConsumer(config)) {
            assertThat(main).isInstanceOf(IdlePollConsumer.class);
            assertThat(global).isInstanceOf(IdlePollConsumer.class);
            assertThat(restore).isNotInstanceOf(IdlePollConsumer.class);
        }
    }
}
