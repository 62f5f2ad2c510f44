package dev.pidgr.query;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.query.support.CampaignStream;
import dev.pidgr.query.support.Db;
import dev.pidgr.query.support.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures (no thresholds) what keeping the audience costs the campaign projector: a 100,000-member
 * campaign's CampaignCreated and its ten CampaignAudienceAdded chunks applied in one batch, as they
 * arrive together. Before campaign_members existed the chunks only moved the row's version. Prints the
 * figures; run it with {@code -Dtest=AudienceProjectionBench -Dbench.exclude=none}.
 */
@Tag("bench")
class AudienceProjectionBench {

    private static final int MEMBERS = 100_000;
    private static final int CHUNK = 10_000;

    @Test
    void measureTheAudienceOfAHundredThousandMembers() throws Exception {
        try (HikariDataSource db = Db.fresh()) {
            Direct direct = Direct.on(db);
            for (int round = 0; round < 3; round++) {
                CampaignStream campaign = new CampaignStream("org-bench", UUID.randomUUID().toString());
                List<CampaignEvent> events = new ArrayList<>();
                events.add(campaign.created("Large", MEMBERS, Instant.parse("2026-12-04T12:00:00Z")));
                for (int chunk = 0; chunk < MEMBERS / CHUNK; chunk++) {
                    AudienceMember[] members = new AudienceMember[CHUNK];
                    for (int i = 0; i < CHUNK; i++) {
                        members[i] = AudienceMember.newBuilder()
                                .setUserId(String.format("user-%06d", chunk * CHUNK + i))
                                .putVariables("first_name", "N" + i).build();
                    }
                    events.add(campaign.audience(chunk, MEMBERS / CHUNK, members));
                }
                long started = System.nanoTime();
                direct.campaigns(events.toArray(CampaignEvent[]::new));
                System.out.printf("campaign of %,d members projected in %d ms (%,d campaign_members rows)%n",
                        MEMBERS, (System.nanoTime() - started) / 1_000_000,
                        Tables.count(db, "SELECT count(*) FROM pidgr.campaign_members"));
            }
        }
    }
}
