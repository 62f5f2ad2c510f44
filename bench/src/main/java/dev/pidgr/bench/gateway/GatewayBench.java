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
 * campaign started, timed until dev's GreenMail holds every recipient's mail, next to {@link SmtpBaseline}
 * sending the same number of messages to the same GreenMail directly.
 */
public final class GatewayBench {

    /** Dev's gateway: at most this many messages handed to SMTP at once (app's DevMail), the baseline's too. */
    public static final int EMAIL_CONCURRENCY = 4;
    private static final String DOMAIN = "@bench.localhost";
    private static final String FROM = "baseline@pidgr.localhost";
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);

    /**
     * The gateway's part of a round.
     *
     * @param perSecond  mails per second, Start to the last recipient's mail in GreenMail
     * @param exactlyOne recipients whose mailbox holds exactly one mail
     * @param sent       deliveries GetCampaign counts SENT (not NO_DEVICE, not FAILED)
     */
    public record Outcome(double perSecond, long exactlyOne, long sent) {
    }

    private final Pidgr api;
    private final MailboxWatch mailboxes;
    private final int smtpPort;

    public GatewayBench(Pidgr api, int smtpPort, int imapPort) {
        this.api = api;
        this.mailboxes = new MailboxWatch(imapPort);
        this.smtpPort = smtpPort;
    }

    /** Recipients {@code from} up to {@code to} (exclusive) set their email address, each with their own token. */
    public void giveEmails(int from, int to) {
        for (int i = from; i < to; i++) {
            String user = Campaigns.userId(i);
            api.devicesAs(api.recipientToken(user), Duration.ofSeconds(30))
                    .setEmail(SetEmailRequest.newBuilder().setEmail(address(user)).build());
        }
    }

    /** A campaign for recipients [from, to) (who have their addresses), timed until GreenMail holds every mail. */
    public Outcome campaign(String templateId, int from, int to) throws Exception {
        int n = to - from;
        String id = api.campaigns(Duration.ofSeconds(30))
                .createCampaign(Campaigns.campaign("gateway " + from, templateId, from, to)).getCampaign().getId();
        List<String> addresses = new ArrayList<>(n);
        for (int i = from; i < to; i++) {
            addresses.add(address(Campaigns.userId(i)));
        }
        long start = System.nanoTime();
        api.campaigns(Duration.ofSeconds(30)).startCampaign(StartCampaignRequest.newBuilder().setId(id).build());
        long done = mailboxes.awaitAll(addresses, PHASE_TIMEOUT);
        return new Outcome(n / ((done - start) / 1e9), mailboxes.exactlyOne(addresses), awaitSent(id, n));
    }

    /** The baseline: the same number of messages straight to GreenMail; returns messages per second. */
    public double baseline(int from, int to) throws Exception {
        List<String> addresses = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            addresses.add("baseline-" + address(Campaigns.userId(i)));
        }
        return SmtpBaseline.run(smtpPort, FROM, addresses, EMAIL_CONCURRENCY);
    }

    /** GetCampaign's SENT count once it reaches {@code n} (the projection follows), or after a minute. */
    private long awaitSent(String id, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            DeliveryCounts counts = api.campaigns(Duration.ofSeconds(30))
                    .getCampaign(GetCampaignRequest.newBuilder().setId(id).build()).getCampaign().getDeliveryCounts();
            if (counts.getSent() >= n || System.nanoTime() > deadline) {
                return counts.getSent();
            }
            Thread.sleep(200);
        }
    }

    private static String address(String userId) {
        return userId + DOMAIN;
    }
}
