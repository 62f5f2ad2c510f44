package dev.pidgr.bench.gateway;

import dev.pidgr.api.v1.DeliveryCounts;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.Platform;
import dev.pidgr.api.v1.RegisterRequest;
import dev.pidgr.api.v1.SetEmailRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.bench.client.Campaigns;
import dev.pidgr.bench.client.Pidgr;
import dev.pidgr.localproviders.apns.ApnsServer;
import dev.pidgr.localproviders.fcm.FcmServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code --gateway} phase: recipients with an email address (SetEmail as each of them), an Android device or an
 * iPhone (Register, with an FCM or APNs token); a campaign started, timed until the gateway's ACCEPTED receipt of
 * every delivery is committed (it commits a receipt only after GreenMail or the local FCM or APNs server accepted
 * the message), next to {@link SmtpBaseline}, {@link FcmBaseline} or {@link ApnsBaseline} sending as many messages
 * to the same server directly. What each server holds is checked afterwards, outside the timed part.
 */
public final class GatewayBench {

    /** Dev's gateway: at most this many messages handed to SMTP at once (app's DevMail), the baseline's too. */
    public static final int EMAIL_CONCURRENCY = 4;
    /** The gateway's FCM limit by default ({@code PIDGR_FCM_CONCURRENCY}), the baseline's too. */
    public static final int FCM_CONCURRENCY = 100;
    /** The gateway's APNs limit by default ({@code PIDGR_APNS_CONCURRENCY}), the baseline's too. */
    public static final int APNS_CONCURRENCY = 100;
    private static final String DOMAIN = "@bench.localhost";
    private static final String FROM = "baseline@pidgr.localhost";
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SENT_POLL = Duration.ofMillis(50);
    /** Recipients set up (email, devices) in parallel by this many callers. */
    private static final int SETUP_CALLERS = 16;

    /**
     * The gateway's part of a round.
     *
     * @param campaignId    the round's campaign
     * @param perSecond     messages per second, Start to the last delivery's ACCEPTED receipt
     * @param otherReceipts receipts that were not ACCEPTED (retrying, failed, no device); 0 in a clean round
     */
    public record Outcome(String campaignId, double perSecond, long otherReceipts) {
    }

    private final Pidgr api;
    private final MailboxWatch mailboxes;
    private final int smtpPort;
    private final String bootstrapServers;
    private final String receiptsTopic;
    private final LocalFcm fcm;
    private final LocalApns apns;

    public GatewayBench(Pidgr api, int smtpPort, int imapPort, LocalFcm fcm, LocalApns apns, String bootstrapServers,
            String receiptsTopic) {
        this.api = api;
        this.fcm = fcm;
        this.apns = apns;
        this.mailboxes = new MailboxWatch(imapPort);
        this.smtpPort = smtpPort;
        this.bootstrapServers = bootstrapServers;
        this.receiptsTopic = receiptsTopic;
    }

    /** Recipients {@code from} up to {@code to} (exclusive) set their email address, each with their own token. */
    public void giveEmails(int from, int to) throws Exception {
        eachRecipient(from, to, i -> {
            String user = Campaigns.userId(i);
            api.devicesAs(api.recipientToken(user), Duration.ofSeconds(30))
                    .setEmail(SetEmailRequest.newBuilder().setEmail(address(user)).build());
        });
    }

    /** Recipients [from, to) each register one Android device, whose FCM registration token is its user id's. */
    public void registerAndroid(int from, int to) throws Exception {
        register(from, to, Platform.PLATFORM_ANDROID, "android-", i -> fcmToken(Campaigns.userId(i)));
    }

    /** How many of recipients [from, to) the local FCM server accepted exactly one message for. */
    public long fcmExactlyOne(int from, int to) {
        return exactlyOne(fcm.server().received().stream().filter(r -> r.status() == 200)
                .map(FcmServer.Received::token), from, to, i -> fcmToken(Campaigns.userId(i)));
    }

    /** The push baseline: as many FCM messages straight to the local FCM server; returns messages per second. */
    public double fcmBaseline(int from, int to) throws Exception {
        List<String> tokens = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            tokens.add("baseline-" + fcmToken(Campaigns.userId(i)));
        }
        return FcmBaseline.run(fcm, tokens, FCM_CONCURRENCY);
    }

    /** Recipients [from, to) each register one iPhone, whose APNs device token is its index in hex. */
    public void registerIos(int from, int to) throws Exception {
        register(from, to, Platform.PLATFORM_IOS, "ios-", GatewayBench::apnsToken);
    }

    /** Recipients [from, to) each register one device of {@code platform}, its push token {@code token.apply(i)}. */
    private void register(int from, int to, Platform platform, String idPrefix, IntFunction<String> token)
            throws Exception {
        eachRecipient(from, to, i -> {
            String user = Campaigns.userId(i);
            api.devicesAs(api.recipientToken(user), Duration.ofSeconds(30)).register(RegisterRequest.newBuilder()
                    .setDeviceId(idPrefix + user).setPlatform(platform).setPushToken(token.apply(i)).build());
        });
    }

    /** How many of recipients [from, to) have exactly one of {@code accepted} tokens ({@code token.apply(i)}). */
    private static long exactlyOne(Stream<String> accepted, int from, int to, IntFunction<String> token) {
        Map<String, Long> perToken = accepted.collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        long one = 0;
        for (int i = from; i < to; i++) {
            one += perToken.getOrDefault(token.apply(i), 0L) == 1 ? 1 : 0;
        }
        return one;
    }

    /** Runs {@code call} for recipients [from, to), {@link #SETUP_CALLERS} at a time (setup, not measured). */
    private static void eachRecipient(int from, int to, IntConsumer call) throws Exception {
        try (ExecutorService callers = Executors.newFixedThreadPool(SETUP_CALLERS)) {
            List<Future<?>> calls = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                int index = i;
                calls.add(callers.submit(() -> call.accept(index)));
            }
            for (Future<?> done : calls) {
                done.get();
            }
        }
    }

    /** How many of recipients [from, to) the local APNs server accepted exactly one notification for. */
    public long apnsExactlyOne(int from, int to) {
        return exactlyOne(apns.server().received().stream().filter(r -> r.status() == 200)
                .map(ApnsServer.Received::token), from, to, GatewayBench::apnsToken);
    }

    /** The APNs baseline: as many notifications straight to the local APNs server; returns them per second. */
    public double apnsBaseline(int from, int to) throws Exception {
        List<String> tokens = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            tokens.add(String.format(java.util.Locale.ROOT, "ba5e%060x", i));
        }
        return ApnsBaseline.run(apns, tokens, APNS_CONCURRENCY);
    }

    /**
     * A campaign for recipients [from, to) (who have their addresses), timed until every delivery's mail was
     * accepted by the provider as the gateway's committed receipts say; returns it with the campaign's id.
     */
    public Outcome campaign(String templateId, int from, int to) throws Exception {
        int n = to - from;
        String id = api.campaigns(Duration.ofSeconds(30))
                .createCampaign(Campaigns.campaign("gateway " + from, templateId, from, to)).getCampaign().getId();
        try (ReceiptWatch receipts = new ReceiptWatch(bootstrapServers, receiptsTopic)) {
            long start = System.nanoTime();
            api.campaigns(Duration.ofSeconds(30)).startCampaign(StartCampaignRequest.newBuilder().setId(id).build());
            ReceiptWatch.Seen seen = receipts.await(id, n, PHASE_TIMEOUT);
            return new Outcome(id, n / ((seen.doneNanos() - start) / 1e9), seen.other());
        }
    }

    /** GetCampaign's SENT count of the campaign once it reaches {@code n}, or when the phase times out. */
    public long countedSent(String campaignId, int n) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (true) {
            DeliveryCounts counts = api.campaigns(Duration.ofSeconds(30)).getCampaign(
                    GetCampaignRequest.newBuilder().setId(campaignId).build()).getCampaign().getDeliveryCounts();
            if (counts.getSent() >= n || System.nanoTime() > deadline) {
                return counts.getSent();
            }
            Thread.sleep(SENT_POLL.toMillis());
        }
    }

    /** How many of recipients [from, to) hold exactly one mail in GreenMail (read over IMAP, each their login). */
    public long mailboxesWithExactlyOne(int from, int to) throws Exception {
        List<String> addresses = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            addresses.add(address(Campaigns.userId(i)));
        }
        return mailboxes.exactlyOne(addresses);
    }

    /** The email baseline: as many messages straight to GreenMail; returns messages per second. */
    public double smtpBaseline(int from, int to) throws Exception {
        List<String> addresses = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            addresses.add("baseline-" + address(Campaigns.userId(i)));
        }
        return SmtpBaseline.run(smtpPort, FROM, addresses, EMAIL_CONCURRENCY);
    }

    private static String address(String userId) {
        return userId + DOMAIN;
    }

    private static String fcmToken(String userId) {
        return "fcm-" + userId;
    }

    /** APNs device tokens are hex (Pushy drops anything else). */
    private static String apnsToken(int index) {
        return String.format(java.util.Locale.ROOT, "%064x", index);
    }
}
