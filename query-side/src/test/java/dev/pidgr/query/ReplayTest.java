package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.InboxEntry;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.query.support.CampaignStream;
import dev.pidgr.query.support.Db;
import dev.pidgr.query.support.Kafka;
import dev.pidgr.query.support.RunStream;
import dev.pidgr.query.support.Tables;
import dev.pidgr.query.support.Wait;
import dev.pidgr.query.support.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static final String ORG = "org-a";
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private Kafka kafka;
    private HikariDataSource db;
    private QuerySide live;

    @BeforeEach
    void setUp() throws Exception {
        kafka = new Kafka(3);
        db = Db.fresh();
        live = new QuerySide(db, Kafka.config(), kafka.topics,
                QuerySettings.defaults("replay-test-key-32-bytes-long!!!".getBytes()).withMaxBatchRecords(500));
    }

    @AfterEach
    void tearDown() throws Exception {
        live.close();
        kafka.close();
        db.close();
    }

    @Test
    void shouldRebuildASchemaEqualRowForRowWhileReadersKeepGettingAnswers() throws Exception {
        List<String> campaigns = Workload.write(kafka, ORG, 10, 120, T0);
        live.start();
        Wait.until("the live projection is ready", live::isReady);
        var before = Tables.dump(db, "pidgr_p1");
        AtomicBoolean replaying = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<Throwable> readFailures = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (replaying.get()) {
                try {
                    Campaign c = live.reads().campaign(ORG, campaigns.getFirst()).orElseThrow();
                    assertThat(live.reads().campaigns(ORG, new PageRequest(5, "")).totalCount()).isEqualTo(10);
                    assertThat(c.getDeliveryCounts().getSent() + c.getDeliveryCounts().getAcknowledged()
                            + c.getDeliveryCounts().getMissed() + c.getDeliveryCounts().getDelivered()).isEqualTo(120);
                    answered.incrementAndGet();
                } catch (Throwable t) {
                    readFailures.add(t);
                }
            }
        });
        List<ReplayListener.Progress> progress = new CopyOnWriteArrayList<>();

        ReplaySummary summary =
                Replay.run(db, Kafka.config(), kafka.topics, "pidgr", progress::add, Duration.ofMinutes(1));
        replaying.set(false);
        reader.join();

        assertThat(summary.previousSchema()).isEqualTo("pidgr_p1");
        assertThat(summary.newSchema()).isEqualTo("pidgr_p2");
        assertThat(Tables.dump(db, "pidgr_p2")).isEqualTo(before);
        assertThat(Tables.runsWithWrongCounts(db, "pidgr_p2")).isZero();
        assertThat(Tables.count(db, "SELECT sum(acknowledged) FROM pidgr_p2.campaign_runs")).isPositive();
        assertThat(Tables.count(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'pidgr_p1'")).isZero();
        assertThat(readFailures).isEmpty();
        assertThat(answered.get()).isPositive();
        assertThat(progress).extracting(ReplayListener.Progress::phase).contains(ReplayListener.Phase.REBUILDING,
                ReplayListener.Phase.SWITCHED);
        ReplayListener.Progress last = progress.getLast();
        assertThat(last.eventsDone()).isEqualTo(last.eventsTotal()).isEqualTo(summary.events());
        assertNewEventsStillProjected();
    }

    @Test
    void shouldLoseAndDoubleNothingWhenEventsArriveDuringTheReplay() throws Exception {
        CampaignStream campaign = new CampaignStream(ORG, UUID.randomUUID().toString());
        RunStream run = new RunStream(ORG, campaign.id());
        kafka.send(
                kafka.topics.campaignEvents(),
                List.of(campaign.created("Busy", 6_000, T0)),
                CampaignEvent::getCampaignId);
        kafka.send(kafka.topics.deliveryEvents(), sends(run, 0, 3_000), DeliveryEvent::getCampaignId);
        live.start();
        Wait.until("the live projection is ready", live::isReady);
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            for (int from = 3_000; from < 6_000; from += 100) {
                kafka.send(kafka.topics.deliveryEvents(), sends(run, from, from + 100), DeliveryEvent::getCampaignId);
            }
        });

        ReplaySummary summary = Replay.run(db, Kafka.config(), kafka.topics, "pidgr", ReplayListener.none(),
                Duration.ofMinutes(1));
        producer.join();
        Wait.until("the resumed live projector has caught up", () -> live.lag().eventsBehind() == 0);

        assertThat(summary.newSchema()).isEqualTo("pidgr_p2");
        assertThat(Tables.count(db, "SELECT count(*) FROM pidgr.deliveries")).isEqualTo(6_000);
        assertThat(live.reads()
                        .campaign(ORG, campaign.id())
                        .orElseThrow()
                        .getDeliveryCounts()
                        .getSent())
                .isEqualTo(6_000);
        assertThat(live.reads().campaignVersion(campaign.id())).isEqualTo(1);
        assertThat(Tables.runsWithWrongCounts(db, "pidgr_p2")).isZero();
    }

    @Test
    void shouldKeepInboxSyncCursorsValidAcrossAReplay() throws Exception {
        Workload.write(kafka, ORG, 6, 60, T0);
        live.start();
        Wait.until("the live projection is ready", live::isReady);
        String user = "user-20";
        Map<String, InboxEntry> seen = new HashMap<>();
        InboxReads.SyncPage firstPage = live.reads().sync(ORG, user, null, 2);
        firstPage.entries().forEach(e -> seen.put(e.getDeliveryId(), e));
        RunStream late = new RunStream(ORG, UUID.randomUUID().toString());

        Replay.run(db, Kafka.config(), kafka.topics, "pidgr", p -> {
            if (p.phase() == ReplayListener.Phase.REBUILDING && seen.size() == 2) {
                kafka.send(kafka.topics.deliveryEvents(), List.of(late.sent(user, T0.minusSeconds(3600))),
                        DeliveryEvent::getCampaignId);
                seen.put("marker", InboxEntry.getDefaultInstance());
            }
        }, Duration.ofMinutes(1));
        Wait.until(
                "the late delivery is projected",
                () -> live.reads().entry(ORG, user, late.deliveryId(user)).isPresent());
        Instant since = firstPage.nextSince();
        while (true) {
            InboxReads.SyncPage page = live.reads().sync(ORG, user, since, 2);
            if (page.entries().isEmpty()) {
                break;
            }
            page.entries().forEach(e -> seen.put(e.getDeliveryId(), e));
            since = page.nextSince();
        }
        seen.remove("marker");

        Map<String, InboxEntry> truth = new HashMap<>();
        live.reads().sync(ORG, user, null, 200).entries().forEach(e -> truth.put(e.getDeliveryId(), e));
        assertThat(truth).hasSizeGreaterThan(3).containsKey(late.deliveryId(user));
        assertThat(seen).isEqualTo(truth);
    }

    @Test
    void shouldRefuseASecondReplayWhileOneRuns() throws Exception {
        Workload.write(kafka, ORG, 2, 10, T0);
        live.start();
        Wait.until("ready", live::isReady);
        List<Throwable> second = new CopyOnWriteArrayList<>();

        Replay.run(db, Kafka.config(), kafka.topics, "pidgr", p -> {
            if (second.isEmpty()) {
                try {
                    Replay.run(db, Kafka.config(), kafka.topics, "pidgr", ReplayListener.none(), Duration.ofSeconds(5));
                    second.add(new AssertionError("a second replay ran"));
                } catch (Throwable t) {
                    second.add(t);
                }
            }
        }, Duration.ofMinutes(1));

        assertThat(second.getFirst()).isInstanceOf(IllegalStateException.class).hasMessageContaining("another replay");
    }

    private void assertNewEventsStillProjected() throws Exception {
        CampaignStream later = new CampaignStream(ORG, UUID.randomUUID().toString());
        kafka.send(
                kafka.topics.campaignEvents(),
                List.of(later.created("After the replay", 1, T0)),
                CampaignEvent::getCampaignId);
        Wait.until("the live projector writes the new schema", () -> live.reads().campaignVersion(later.id()) == 1);
        assertThat(Tables.count(db, "SELECT count(*) FROM pidgr_p2.campaigns WHERE name = 'After the replay'"))
                .isEqualTo(1);
    }

    private static List<DeliveryEvent> sends(RunStream run, int from, int to) {
        List<DeliveryEvent> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            events.add(run.sent("user-" + i, T0.plusMillis(i)));
        }
        return events;
    }
}
