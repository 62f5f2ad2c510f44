package dev.pidgr.faults.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.DeliveryCounts;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.ListDeliveriesRequest;
import dev.pidgr.api.v1.ListDeliveriesResponse;
import dev.pidgr.api.v1.Pagination;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** What must hold between a campaign's topics and what the api answers, after any fault. */
public final class FoldChecks {

    /** What one delivery looks like through ListDeliveries. */
    record Seen(String userId, DeliveryStatus status, boolean read) {
    }

    private FoldChecks() {
    }

    /**
     * Every member has exactly one delivery, one NotificationSent and one first push request; the
     * campaign's event versions and its delivery event versions run 1, 2, 3 ... without gap or repeat,
     * and no event id occurs twice.
     */
    public static void assertExactlyOnce(CampaignFold fold, List<String> users) {
        assertThat(fold.deliveries.values())
                .extracting(CampaignFold.Delivery::userId)
                .containsExactlyInAnyOrderElementsOf(users);
        assertThat(fold.deliveries.values())
                .allSatisfy(d -> assertThat(d.notifications())
                        .as("notifications of %s", d.userId())
                        .isEqualTo(1));
        for (CampaignFold.Delivery d : fold.deliveries.values()) {
            assertThat(fold.pushes.get(Ids.pushId(d.deliveryId(), 0))).as("first push of %s", d.userId()).isEqualTo(1);
        }
        assertThat(fold.pushes.values()).containsOnly(1);
        assertThat(fold.campaignVersions)
                .isEqualTo(LongStream.rangeClosed(1, fold.campaignVersions.size())
                        .boxed()
                        .toList());
        assertThat(fold.deliveryVersions)
                .isEqualTo(LongStream.rangeClosed(1, fold.deliveryVersions.size())
                        .boxed()
                        .toList());
        assertThat(fold.deliveryEvents.stream()
                        .map(DeliveryEvent::getEventId)
                        .distinct()
                        .count())
                .isEqualTo(fold.deliveryEvents.size());
    }

    /**
     * GetCampaign and every page of ListDeliveries equal the fold: status, per-status counts, read
     * count, acknowledged and missed counts, and each delivery's user, status and read flag. Waits
     * (bounded) for the projections to catch up first.
     */
    public static void assertApiEqualsFold(Api api, CampaignFold fold) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertCampaign(api, fold));
        Map<String, Seen> seen = listDeliveries(api, fold.campaignId);
        Map<String, Seen> expected = new HashMap<>();
        fold.deliveries.values().forEach(d -> expected.put(d.deliveryId(), new Seen(d.userId(), d.status(), d.read())));
        assertThat(seen).isEqualTo(expected);
    }

    private static void assertCampaign(Api api, CampaignFold fold) {
        Campaign campaign = api.campaigns()
                .getCampaign(
                        GetCampaignRequest.newBuilder().setId(fold.campaignId).build())
                .getCampaign();
        DeliveryCounts counts = campaign.getDeliveryCounts();
        assertThat(campaign.getStatus()).isEqualTo(fold.status);
        assertThat(campaign.getTotalRecipients()).isEqualTo(fold.totalRecipients);
        assertThat(campaign.getVersion()).isEqualTo(fold.campaignVersions.size());
        assertThat(counts.getSent()).as("sent").isEqualTo(fold.count(DeliveryStatus.DELIVERY_STATUS_SENT));
        assertThat(counts.getDelivered())
                .as("delivered")
                .isEqualTo(fold.count(DeliveryStatus.DELIVERY_STATUS_DELIVERED));
        assertThat(counts.getAcknowledged())
                .as("acknowledged")
                .isEqualTo(fold.count(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED));
        assertThat(counts.getMissed()).as("missed").isEqualTo(fold.count(DeliveryStatus.DELIVERY_STATUS_MISSED));
        assertThat(counts.getPending()).as("pending").isEqualTo(fold.count(DeliveryStatus.DELIVERY_STATUS_PENDING));
        assertThat(counts.getRead()).as("read").isEqualTo(fold.readCount());
        assertThat(campaign.getActionCompletedCount())
                .isEqualTo(fold.count(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED));
        assertThat(campaign.getMissedCount()).isEqualTo(fold.count(DeliveryStatus.DELIVERY_STATUS_MISSED));
    }

    /** Every delivery of the campaign through ListDeliveries, page by page (100 per page). */
    static Map<String, Seen> listDeliveries(Api api, String campaignId) {
        Map<String, Seen> seen = new HashMap<>();
        String token = "";
        do {
            ListDeliveriesResponse page = api.campaigns()
                    .listDeliveries(ListDeliveriesRequest.newBuilder()
                            .setCampaignId(campaignId)
                            .setPagination(
                                    Pagination.newBuilder().setPageSize(100).setPageToken(token))
                            .build());
            page.getDeliveriesList().forEach(d -> {
                Seen previous = seen.put(d.getId(), new Seen(d.getUserId(), d.getStatus(), d.hasReadAt()));
                assertThat(previous).as("delivery %s listed twice", d.getId()).isNull();
            });
            token = page.getPagination().getNextPageToken();
        } while (!token.isEmpty());
        return seen;
    }
}
