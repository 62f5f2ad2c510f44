package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignScheduled;
import dev.pidgr.events.v1.DeliveryEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A scheduled start is a timer: due once at start_at, replaced by a later schedule, dropped by start or cancel. */
class ScheduledStartTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-000000000015";
    private static final Duration HOUR = Duration.ofHours(1);
    private final List<String> users = Campaigns.users(3);
    private WorkflowDriver driver;
    private long next;

    @BeforeEach
    void setUp() {
        driver = new WorkflowDriver();
        driver.template(Campaigns.template("Body"));
        List<CampaignEvent> created = Campaigns.created(CAMPAIGN, Campaigns.defaultChain("1h", "http://127.0.0.1:9/h"),
                users, 3);
        created.forEach(driver::campaign);
        next = created.size() + 1;
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private long schedule(Duration ahead) {
        driver.campaign(Campaigns.scheduled(CAMPAIGN, next, driver.now() + ahead.toMillis()));
        return next++;
    }

    @Test
    void shouldSendOneStartForTheScheduleWhenItIsDue() {
        long startAt = driver.now() + HOUR.toMillis();
        long version = schedule(HOUR);
        driver.advance(HOUR.minusSeconds(1));
        assertThat(driver.commands()).isEmpty();

        driver.advance(Duration.ofSeconds(1));
        driver.settle();
        driver.advance(HOUR);

        assertThat(driver.commands()).hasSize(1);
        CampaignCommand start = driver.commands().getFirst();
        assertThat(start.getStartCampaign().getScheduleVersion()).isEqualTo(version);
        assertThat(start.getMetadata().getActor()).isEqualTo("system:workflow");
        assertThat(start.getMetadata().getCommandId()).isEqualTo(Ids.uuid5("scheduled-start:" + CAMPAIGN + ":"
                + version));
        assertThat(Timestamps.toMillis(start.getMetadata().getIssuedAt())).isGreaterThanOrEqualTo(startAt);
        assertThat(driver.events()).isEmpty();
    }

    @Test
    void shouldNotStartBeforeAStartAtBetweenTwoMilliseconds() {
        long startAt = driver.now() + HOUR.toMillis();
        driver.campaign(Campaigns.event(CAMPAIGN, next).setScheduled(CampaignScheduled.newBuilder()
                .setStartAt(Timestamps.add(Timestamps.fromMillis(startAt), Durations.fromNanos(500_000)))).build());
        driver.advance(HOUR);
        assertThat(driver.commands()).isEmpty();

        driver.tick(1);

        assertThat(driver.commands()).hasSize(1);
        assertThat(Timestamps.toMillis(driver.commands().getFirst().getMetadata().getIssuedAt()))
                .isGreaterThan(startAt);
    }

    @Test
    void shouldNeverStartACancelledSchedule() {
        schedule(HOUR);
        driver.campaign(Campaigns.cancelled(CAMPAIGN, next, driver.now()));
        driver.advance(HOUR.multipliedBy(2));
        driver.settle();

        assertThat(driver.commands()).isEmpty();
    }

    @Test
    void shouldFireOnlyTheScheduleThatReplacedAnEarlierOne() {
        schedule(HOUR);
        long later = schedule(HOUR.multipliedBy(3));
        driver.advance(HOUR.multipliedBy(2));
        assertThat(driver.commands()).isEmpty();

        driver.advance(HOUR);
        driver.settle();

        assertThat(driver.commands()).extracting(c -> c.getStartCampaign().getScheduleVersion())
                .containsExactly(later);
    }

    @Test
    void shouldWalkOnceStartedAndForgetTheSchedule() {
        schedule(HOUR);
        driver.campaign(Campaigns.started(CAMPAIGN, next, Campaigns.defaultChain("1h", "http://127.0.0.1:9/h"),
                driver.now()));
        driver.settle();
        driver.advance(HOUR.multipliedBy(2));

        assertThat(driver.events(DeliveryEvent.PayloadCase.NOTIFICATION_SENT)).hasSize(3);
        assertThat(driver.commands()).noneMatch(CampaignCommand::hasStartCampaign);
    }
}
