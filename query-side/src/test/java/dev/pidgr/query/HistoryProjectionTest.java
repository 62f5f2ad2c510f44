package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CampaignHistoryEntry;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.StepTemplatePin;
import dev.pidgr.query.sql.Sql;
import dev.pidgr.query.support.CampaignStream;
import dev.pidgr.query.support.Db;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The history, audience and template pins the campaign projector keeps beside the campaign rows. */
class HistoryProjectionTest {

    private static final String ORG = "org-a";
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00.123456Z");
    private static final AudienceMember ANA =
            AudienceMember.newBuilder().setUserId("ana").putVariables("first_name", "Ana").build();
    private static final AudienceMember BO = AudienceMember.newBuilder().setUserId("bo").build();
    private static final StepTemplatePin PIN =
            StepTemplatePin.newBuilder().setStepId("send").setTemplateId("tpl-1").setTemplateVersion(2).build();

    private HikariDataSource db;
    private Direct direct;
    private PostgresReads reads;
    private final CampaignStream campaign = new CampaignStream(ORG, "7d3c4a52-9a57-4f2e-b7b5-1a0f5e0c2a11");

    @BeforeEach
    void setUp() throws Exception {
        db = Db.fresh();
        direct = Direct.on(db);
        reads = new PostgresReads(db, new PageTokens(new byte[32]));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void shouldKeepOneEntryPerEventOldestFirstWithActorAndSummary() throws Exception {
        direct.campaigns(campaign.created("Policy", 2, T0), campaign.audience(0, 1, ANA, BO),
                campaign.updated("Policy v2", T0.plusSeconds(1)), campaign.started(T0.plusSeconds(2), PIN));
        direct.campaigns(campaign.completed(T0.plusSeconds(3)).toBuilder().setActor("system:workflow").build());

        Page<CampaignHistoryEntry> page = reads.history(ORG, campaign.id(), new PageRequest(0, ""));

        assertThat(page.items()).extracting(CampaignHistoryEntry::getVersion, CampaignHistoryEntry::getEventType,
                        CampaignHistoryEntry::getActor, CampaignHistoryEntry::getSummary)
                .containsExactly(
                        tuple(1L, "CampaignCreated", "user-1", "created for 2 members"),
                        tuple(2L, "CampaignAudienceAdded", "user-1",
                                "audience part 1 of 1 added (2 members)"),
                        tuple(3L, "CampaignUpdated", "user-1", "name changed"),
                        tuple(4L, "CampaignStarted", "user-1", "started with 2 members"),
                        tuple(5L, "CampaignCompleted", "workflow", "completed"));
        assertThat(page.items().getFirst().getOccurredAt()).isEqualTo(Sql.timestamp(T0));
        assertThat(page.totalCount()).isEqualTo(5);
        assertThat(page.nextPageToken()).isEmpty();
    }

    @Test
    void shouldPageTheHistoryByVersion() throws Exception {
        direct.campaigns(campaign.created("Policy", 2, T0), campaign.audience(0, 1, ANA, BO),
                campaign.updated("Policy v2", T0.plusSeconds(1)), campaign.started(T0.plusSeconds(2), PIN));

        Page<CampaignHistoryEntry> first = reads.history(ORG, campaign.id(), new PageRequest(3, ""));
        Page<CampaignHistoryEntry> second =
                reads.history(ORG, campaign.id(), new PageRequest(3, first.nextPageToken()));

        assertThat(first.items()).extracting(CampaignHistoryEntry::getVersion).containsExactly(1L, 2L, 3L);
        assertThat(second.items()).extracting(CampaignHistoryEntry::getVersion).containsExactly(4L);
        assertThat(second.totalCount()).isEqualTo(4);
        assertThat(second.nextPageToken()).isEmpty();
        assertThat(reads.history("org-b", campaign.id(), new PageRequest(0, "")).items()).isEmpty();
    }

    @Test
    void shouldKeepTheAudienceWithVariablesAndTheStartPins() throws Exception {
        direct.campaigns(campaign.created("Policy", 2, T0), campaign.audience(0, 1, ANA, BO));
        assertThat(reads.templatePins(ORG, campaign.id())).isEmpty();

        direct.campaigns(campaign.started(T0.plusSeconds(2), PIN));

        assertThat(reads.members(ORG, campaign.id(), List.of("ana", "carl"))).isEqualTo(Map.of("ana", ANA));
        assertThat(reads.members("org-b", campaign.id(), List.of("ana"))).isEmpty();
        assertThat(reads.templatePins(ORG, campaign.id())).containsExactly(PIN);
    }

    @Test
    void shouldFillTheHistoryOfARowProjectedBeforeWhenTheTopicIsReadAgain() throws Exception {
        List<CampaignEvent> events = List.of(campaign.created("Policy", 2, T0), campaign.audience(0, 1, ANA, BO),
                campaign.started(T0.plusSeconds(2), PIN));
        direct.campaigns(events.toArray(CampaignEvent[]::new));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE pidgr_p1.campaign_history, pidgr_p1.campaign_members, pidgr_p1.campaign_template_pins");
        }

        direct.campaigns(events.toArray(CampaignEvent[]::new));
        direct.campaigns(events.toArray(CampaignEvent[]::new));

        assertThat(reads.history(ORG, campaign.id(), new PageRequest(0, "")).items())
                .extracting(CampaignHistoryEntry::getVersion).containsExactly(1L, 2L, 3L);
        assertThat(reads.members(ORG, campaign.id(), List.of("ana", "bo"))).hasSize(2);
        assertThat(reads.templatePins(ORG, campaign.id())).containsExactly(PIN);
        assertThat(reads.campaign(ORG, campaign.id()).orElseThrow().getVersion()).isEqualTo(3);
    }
}
