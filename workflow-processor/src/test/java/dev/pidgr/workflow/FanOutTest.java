package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.events.v1.DeliveryEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fan-out is cut into bounded batches, one per wake-up, so campaigns share the stream thread. */
class FanOutTest {

    private static final String LARGE = "c0000000-0000-4000-8000-000000000007";
    private static final String SMALL = "c0000000-0000-4000-8000-000000000008";

    @Test
    void shouldInterleaveTheBatchesOfCampaignsFanningOutTogether() {
        try (WorkflowDriver driver = new WorkflowDriver()) {
            driver.template(Campaigns.template("Body"));
            driver.createAndStart(LARGE, Campaigns.workflow(Campaigns.send("send", Map.of())), Campaigns.users(40));
            driver.createAndStart(SMALL, Campaigns.workflow(Campaigns.send("send", Map.of())), Campaigns.users(3));

            driver.tick(2);

            assertThat(sent(driver, SMALL)).isEqualTo(3);
            assertThat(sent(driver, LARGE)).isEqualTo(4);
            assertThat(driver.events().stream().filter(e -> e.getCampaignId().equals(SMALL) && e.hasWorkflowEnded()))
                    .hasSize(1);
            driver.settle();
            assertThat(sent(driver, LARGE)).isEqualTo(40);
        }
    }

    @Test
    void shouldBoundABatchByItsRenderedSize() {
        WorkflowSettings settings = WorkflowSettings.defaults()
                .withWebhookSecret(WorkflowDriver.SECRET)
                .withBatches(1000, 2_000);
        try (WorkflowDriver driver = new WorkflowDriver(settings)) {
            driver.template(Campaigns.template("x".repeat(700)));
            driver.createAndStart(LARGE, Campaigns.workflow(Campaigns.send("send", Map.of())), Campaigns.users(10));

            driver.tick(1);

            assertThat(sent(driver, LARGE)).isEqualTo(3); // about 1 KB each: the batch stops once past 2,000 bytes
            driver.settle();
            assertThat(sent(driver, LARGE)).isEqualTo(10);
        }
    }

    @Test
    void shouldKeepVersionsGapFreePerCampaignWhileInterleaved() {
        try (WorkflowDriver driver = new WorkflowDriver()) {
            driver.template(Campaigns.template("Body"));
            driver.createAndStart(LARGE, Campaigns.workflow(Campaigns.send("send", Map.of())), Campaigns.users(9));
            driver.createAndStart(SMALL, Campaigns.workflow(Campaigns.send("send", Map.of())), Campaigns.users(7));
            driver.settle();
            driver.advance(Duration.ofMinutes(1));

            for (String campaign : List.of(LARGE, SMALL)) {
                List<Long> versions = driver.events().stream().filter(e -> e.getCampaignId().equals(campaign))
                        .map(DeliveryEvent::getVersion).toList();
                assertThat(versions)
                        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, versions.size())
                                .boxed()
                                .toList());
            }
        }
    }

    private static long sent(WorkflowDriver driver, String campaign) {
        return driver.events(DeliveryEvent.PayloadCase.NOTIFICATION_SENT).stream()
                .filter(e -> e.getCampaignId().equals(campaign))
                .count();
    }
}
