package dev.pidgr.bench.gateway;

import dev.pidgr.api.v1.DeliveryCounts;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.SetEmailRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.bench.client.Campaigns;
import dev.pidgr.bench.client.Pidgr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --gateway} phase's email half: recipients with an email address (SetEmail as each of them), a
 * campaign started, timed until the gateway's ACCEPTED receipt of every delivery is committed (it commits a receipt
 * only after GreenMail accepted the mail), next to {@link SmtpBaseline} sending the same number of messages to the
 * same GreenMail directly. Every mailbox is read over IMAP afterwards, outside the timed part.
 */
public final class GatewayBench {

    /** Dev's gateway: at most this many messages handed to SMTP at once (app's DevMail), the baseline's too. */
    public static final int EMAIL_CONCURRENCY = 4;
    private static final String DOMAIN = "@bench.localhost";
    private static final String FROM = "baseline@pidgr.localhost";
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SENT_POLL = Duration.ofMillis(50);

    /**
     * The gateway's part of a round.
     *
     * @param perSecond     mails per second, Start to the last delivery's ACCEPTED receipt
     * @param otherReceipts receipts that were not ACCEPTED (retrying, failed, no device); 0 in a clean round
     */
    public record Outcome(double perSecond, long otherReceipts) {
    }

    private final Pidgr api;
    private final MailboxWatch mailboxes;
    private final int smtpPort;
    private final String bootstrapServers;
    private final String receiptsTopic;
    private String lastCampaignId;

    public GatewayBench(Pidgr api, int smtpPort, int imapPort, String bootstrapServers, String receiptsTopic) {
        this.api = api;
        this.mailboxes = new MailboxWatch(imapPort);
        this.smtpPort = smtpPort;
        this.bootstrapServers = bootstrapServers;
        this.receiptsTopic = receiptsTopic;
    }

    /** Recipients {@code from} up to {@code to} (exclusive) set their email address, each with their own token. */
    public void giveEmails(int from, int to) {
        for (int i = from; i < to; i++) {
            String user = Campaigns.userId(i);
            api.devicesAs(api.recipientToken(user), Duration.ofSeconds(30))
                    .setEmail(SetEmailRequest.newBuilder().setEmail(address(user)).build());
        }
    }

    /**
     * A campaign for recipients [from, to) (who have their addresses), timed until every delivery's mail was
     * accepted by GreenMail as the gateway's committed receipts say; returns it with the campaign's id.
     */
    public Outcome campaign(String templateId, int from, int to) throws Exception {
        int n = to - from;
        String id = api.campaigns(Duration.ofSeconds(30))
                .createCampaign(Campaigns.campaign("gateway " + from, templateId, from, to)).getCampaign().getId();
        lastCampaignId = id;
        try (ReceiptWatch receipts = new ReceiptWatch(bootstrapServers, receiptsTopic)) {
            long start = System.nanoTime();
            api.campaigns(Duration.ofSeconds(30)).startCampaign(StartCampaignRequest.newBuilder().setId(id).build());
            ReceiptWatch.Seen seen = receipts.await(id, n, PHASE_TIMEOUT);
            return new Outcome(n / ((seen.doneNanos() - start) / 1e9), seen.other());
        }
    }

    /** GetCampaign's SENT count of the last campaign once it reaches {@code n}, or when the phase times out. */
    public long countedSent(int n) throws InterruptedException {
        return awaitSent(lastCampaignId, n);
    }

    /** How many of recipients [from, to) hold exactly one mail in GreenMail (read over IMAP, each their login). */
    public long mailboxesWithExactlyOne(int from, int to) throws Exception {
        List<String> addresses = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            addresses.add(address(Campaigns.userId(i)));
        }
        return mailboxes.exactlyOne(addresses);
    }

    /** The baseline: the same number of messages straight to GreenMail; returns messages per second. */
    public double baseline(int from, int to) throws Exception {
        List<String> addresses = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            addresses.add("baseline-" + address(Campaigns.userId(i)));
        }
        return SmtpBaseline.run(smtpPort, FROM, addresses, EMAIL_CONCURRENCY);
    }

    /** GetCampaign's SENT count once it reaches {@code n}, or what it is when the phase times out. */
    private long awaitSent(String id, int n) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (true) {
            DeliveryCounts counts = api.campaigns(Duration.ofSeconds(30))
                    .getCampaign(GetCampaignRequest.newBuilder().setId(id).build()).getCampaign().getDeliveryCounts();
            if (counts.getSent() >= n || System.nanoTime() > deadline) {
                return counts.getSent();
            }
            Thread.sleep(SENT_POLL.toMillis());
        }
    }

    private static String address(String userId) {
        return userId + DOMAIN;
    }
}
