package dev.pidgr.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.DeliveryCounts;
import dev.pidgr.api.v1.WorkflowProgress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pidgr campaign watch}'s stop rule, given the reads a server answers in turn. */
class CampaignFollowerTest {

    private static final CampaignStatus ACTIVE = CampaignStatus.CAMPAIGN_STATUS_ACTIVE;
    private static final CampaignStatus COMPLETED = CampaignStatus.CAMPAIGN_STATUS_COMPLETED;
    private static final CampaignStatus CANCELLED = CampaignStatus.CAMPAIGN_STATUS_CANCELLED;

    private final List<String> shown = new ArrayList<>();

    @Test
    void shouldKeepReadingACompletedCampaignUntilTheWalksEndIsCounted() throws Exception {
        CampaignFollower.Outcome outcome = follow(10,
                campaign(ACTIVE, "send", counts(0, 1)),
                campaign(COMPLETED, "send", counts(0, 1)),
                campaign(COMPLETED, "", counts(0, 2)));

        assertThat(outcome.settled()).isTrue();
        assertThat(shown).containsExactly("ACTIVE send sent 1", "COMPLETED send sent 1", "COMPLETED - sent 2");
        assertThat(CampaignWatch.describe(outcome.last())).contains("sent 2/2");
    }

    @Test
    void shouldWaitForTheLastMarkedMissedAlthoughEveryDeliveryIsCounted() throws Exception {
        CampaignFollower.Outcome outcome = follow(10,
                campaign(COMPLETED, "missed", counts(0, 2)),
                campaign(COMPLETED, "", counts(0, 0).toBuilder().setMissed(2).build()));

        assertThat(outcome.settled()).isTrue();
        assertThat(outcome.last().getDeliveryCounts().getMissed()).isEqualTo(2);
        assertThat(shown).hasSize(2);
    }

    @Test
    void shouldStopAtOnceOnACancelledDraft() throws Exception {
        CampaignFollower.Outcome outcome = follow(10, campaign(CANCELLED, "", counts(0, 0)));

        assertThat(outcome.settled()).isTrue();
        assertThat(shown).containsExactly("CANCELLED - sent 0");
    }

    @Test
    void shouldGiveUpAfterItsBoundSayingTheCountsWereNotFinal() throws Exception {
        CampaignFollower.Outcome outcome = follow(2, campaign(COMPLETED, "", counts(0, 0)));

        assertThat(outcome.settled()).isFalse();
        assertThat(shown).hasSize(3);
    }

    private CampaignFollower.Outcome follow(int settleReads, Campaign... reads) throws Exception {
        ArrayDeque<Campaign> answers = new ArrayDeque<>(List.of(reads));
        CampaignFollower.Source source = () -> answers.size() > 1 ? answers.poll() : answers.peek();
        return new CampaignFollower(source, k -> shown.add(line(k)), () -> { }, settleReads).follow();
    }

    private static String line(Campaign k) {
        String step = k.getProgress().getCurrentStepId();
        return Output.shortName(k.getStatus(), "CAMPAIGN_STATUS_") + " " + (step.isEmpty() ? "-" : step)
                + " sent " + k.getDeliveryCounts().getSent();
    }

    private static Campaign campaign(CampaignStatus status, String step, DeliveryCounts counts) {
        return Campaign.newBuilder().setStatus(status).setTotalRecipients(2).setDeliveryCounts(counts)
                .setProgress(WorkflowProgress.newBuilder().setCurrentStepId(step)).build();
    }

    private static DeliveryCounts counts(int pending, int sent) {
        return DeliveryCounts.newBuilder().setPending(pending).setSent(sent).build();
    }
}
