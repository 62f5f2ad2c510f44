package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.InboxEntry;
import dev.pidgr.query.sql.Sql;
import dev.pidgr.query.support.Db;
import dev.pidgr.query.support.RunStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InboxTest {

    private static final String ORG = "org-a";
    private static final Instant T = Instant.parse("2026-11-30T08:00:00Z");

    private HikariDataSource db;
    private Direct direct;
    private PostgresReads reads;

    @BeforeEach
    void setUp() throws Exception {
        db = Db.fresh();
        direct = Direct.on(db);
        reads = new PostgresReads(db, new PageTokens(new byte[16]));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void shouldLoseNothingAtAPageCutWhenManyChangesShareOneTime() throws Exception {
        List<RunStream> runs = new ArrayList<>();
        for (int c = 0; c < 7; c++) {
            runs.add(new RunStream(ORG, "campaign-" + c));
        }
        for (RunStream run : runs) {
            direct.deliveries(run.sent("u1", T), run.sent("u2", T));
        }
        direct.deliveries(runs.get(0).read("u1", T), runs.get(3).received("u1", T));

        Map<String, InboxEntry> latest = new LinkedHashMap<>();
        List<Instant> cuts = new ArrayList<>();
        Instant since = null;
        int pages = 0;
        while (true) {
            InboxReads.SyncPage page = reads.sync(ORG, "u1", since, 2);
            if (page.entries().isEmpty()) {
                assertThat(page.nextSince()).isEqualTo(since);
                break;
            }
            page.entries().forEach(e -> latest.put(e.getDeliveryId(), e));
            cuts.add(page.nextSince());
            since = page.nextSince();
            pages++;
        }

        assertThat(pages).isEqualTo(4); // 7 entries; the read and the receipt moved two of them to the end
        assertThat(cuts).isSorted().doesNotHaveDuplicates();
        assertThat(latest).hasSize(7);
        assertThat(latest.get(runs.get(0).deliveryId("u1")).getRead()).isTrue();
        assertThat(latest.get(runs.get(3).deliveryId("u1")).getStatus())
                .isEqualTo(DeliveryStatus.DELIVERY_STATUS_DELIVERED);
        assertThat(latest.values()).allMatch(e -> e.getReceivedAt().equals(Sql.timestamp(T)));
        assertThat(cuts.getLast()).isEqualTo(T.plusNanos(8_000));
    }

    @Test
    void shouldShowAnEntryAgainAfterItChanged() throws Exception {
        RunStream run = new RunStream(ORG, "campaign-1");
        direct.deliveries(run.sent("u1", T));
        InboxReads.SyncPage first = reads.sync(ORG, "u1", null, 50);

        direct.deliveries(run.acknowledged("u1", DeliveryStatus.DELIVERY_STATUS_SENT, T.plusSeconds(5)));
        InboxReads.SyncPage second = reads.sync(ORG, "u1", first.nextSince(), 50);

        assertThat(first.entries()).hasSize(1);
        assertThat(second.entries())
                .extracting(InboxEntry::getStatus)
                .containsExactly(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED);
        assertThat(second.nextSince()).isEqualTo(T.plusSeconds(5));
        assertThat(reads.sync(ORG, "u1", second.nextSince(), 50).entries()).isEmpty();
    }

    @Test
    void shouldShowOnlyTheCallersOwnEntries() throws Exception {
        RunStream run = new RunStream(ORG, "campaign-1");
        direct.deliveries(run.sent("u1", T), run.sent("u2", T));
        String deliveryOfU1 = run.deliveryId("u1");

        assertThat(reads.entry(ORG, "u1", deliveryOfU1))
                .get()
                .extracting(InboxEntry::getDeliveryId)
                .isEqualTo(deliveryOfU1);
        assertThat(reads.entry(ORG, "u2", deliveryOfU1)).isEmpty();
        assertThat(reads.entry("org-b", "u1", deliveryOfU1)).isEmpty();
        assertThat(reads.sync("org-b", "u1", null, 50).entries()).isEmpty();
        assertThat(reads.sync(ORG, "u2", null, 50).entries()).hasSize(1);
        assertThat(reads.entry(ORG, "u1", deliveryOfU1).orElseThrow().getMessage().getBody()).startsWith("Hello u1");
    }
}
