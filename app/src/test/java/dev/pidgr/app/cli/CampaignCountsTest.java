package dev.pidgr.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.DeliveryCounts;
import org.junit.jupiter.api.Test;

/** What `campaign get` and `campaign watch` say of the deliveries, NO_DEVICE and FAILED included. */
class CampaignCountsTest {

    private static final DeliveryCounts AFTER_THE_GATEWAY = DeliveryCounts.newBuilder()
            .setSent(1).setNoDevice(2).setFailed(1).setAcknowledged(1_250).build();

    @Test
    void shouldNameEachStatusThatHasDeliveriesInTheLifecyclesOrder() {
        assertThat(CampaignCommands.deliveries(AFTER_THE_GATEWAY))
                .isEqualTo("sent 1, acknowledged 1,250, no device 2, failed 1");
    }

    @Test
    void shouldSayNoneBeforeAnyDelivery() {
        assertThat(CampaignCommands.deliveries(DeliveryCounts.getDefaultInstance())).isEqualTo("none");
    }

    @Test
    void shouldCountNoDeviceAndFailedAsSentAndShowThemWhenWatching() {
        Campaign campaign = Campaign.newBuilder()
                .setStatus(CampaignStatus.CAMPAIGN_STATUS_ACTIVE)
                .setTotalRecipients(1_254)
                .setDeliveryCounts(AFTER_THE_GATEWAY)
                .build();

        assertThat(CampaignWatch.describe(campaign))
                .endsWith("sent 1,254/1,254  delivered 0  read 0  acknowledged 1,250  missed 0  no device 2  failed 1");
    }

    @Test
    void shouldLeaveTheWatchLineAsBeforeWithoutChannelOutcomes() {
        Campaign campaign = Campaign.newBuilder()
                .setStatus(CampaignStatus.CAMPAIGN_STATUS_ACTIVE)
                .setTotalRecipients(2)
                .setDeliveryCounts(DeliveryCounts.newBuilder().setSent(2))
                .build();

        assertThat(CampaignWatch.describe(campaign))
                .endsWith("sent 2/2  delivered 0  read 0  acknowledged 0  missed 0");
    }
}
