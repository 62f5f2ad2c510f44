package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.events.v1.DeliveryEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A punctuation works at most 200 ms: a batch that renders messages stops early once that is
 * spent, so one wake-up never nears the transaction timeout. The clock here moves 60 ms at every
 * reading: the punctuation's start, its check before the wake-up, then one check before every
 * member after the first.
 */
class WorkBudgetTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-000000000009";
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong perReading = new AtomicLong(Duration.ofMillis(60).toNanos());
    private final WorkflowSettings settings = WorkflowSettings.defaults().withWebhookSecret(WorkflowDriver.SECRET)
            .withBatches(1000, 1024 * 1024);

    @Test
    void shouldEndAFanOutBatchEarlyOnceThePunctuationsTimeIsSpent() {
        try (WorkflowDriver driver = new WorkflowDriver(settings, () -> clock.addAndGet(perReading.get()))) {
            driver.template(Campaigns.template("Hello {{name}}"));
            driver.createAndStart(CAMPAIGN, Campaigns.workflow(Campaigns.send("send", Map.of())), Campaigns.users(10));

            driver.tick(1);

            assertThat(driver.events(DeliveryEvent.PayloadCase.NOTIFICATION_SENT))
                    .as("60, 120, 180 ms: a fourth would start past 200")
                    .hasSize(3);
            driver.settle();
            assertThat(driver.events(DeliveryEvent.PayloadCase.NOTIFICATION_SENT)).extracting(DeliveryEvent::getUserId)
                    .containsExactlyElementsOf(Campaigns.users(10));
        }
    }

    @Test
    void shouldEndAReminderBatchEarlyOnceThePunctuationsTimeIsSpent() {
        List<String> users = Campaigns.users(10);
        perReading.set(0); // the fan-out takes everyone in one batch
        try (WorkflowDriver driver = new WorkflowDriver(settings, () -> clock.addAndGet(perReading.get()))) {
            driver.template(Campaigns.template("Hello {{name}}"));
            driver.createAndStart(CAMPAIGN, Campaigns.workflow(Campaigns.send("send", Map.of("completed", "remind")),
                    Campaigns.reminder("remind", "", "", Map.of())), users);
            driver.tick(1);
            assertThat(driver.events(DeliveryEvent.PayloadCase.NOTIFICATION_SENT)).hasSize(10);
            perReading.set(Duration.ofMillis(60).toNanos());

            driver.tick(1);

            assertThat(driver.events(DeliveryEvent.PayloadCase.REMINDER_SENT)).hasSize(3);
            driver.settle();
            assertThat(driver.events(DeliveryEvent.PayloadCase.REMINDER_SENT)).extracting(DeliveryEvent::getUserId)
                    .containsExactlyElementsOf(users);
        }
    }
}
