package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.pidgr.api.v1.DeliveryCounts;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.Role;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeactivationReason;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.events.v1.ReceiptOutcome;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.CampaignFold;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.FinalReceipts;
import dev.pidgr.faults.support.LocalProviders;
import dev.pidgr.faults.support.Profile;
import dev.pidgr.faults.support.ProviderSends;
import dev.pidgr.faults.support.ProviderSends.Key;
import dev.pidgr.faults.support.PushAudience;
import dev.pidgr.faults.support.PushAudience.Reach;
import dev.pidgr.faults.support.PushContacts;
import dev.pidgr.faults.support.Report;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.Serve;
import dev.pidgr.faults.support.TopicReader;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The channel gateway's process is killed with SIGKILL while it delivers a campaign by email (a real SMTP server,
 * GreenMail) and push (local APNs, FCM and Web Push servers, local-providers/): most members have an address and
 * a device, a few only a token the provider answers as unregistered, a tenth nothing. After its restart each
 * recipient got each channel at most once per attempt (one before the kill, one after), every message a provider
 * accepted has its ACCEPTED receipt, every delivery ends SENT, NO_DEVICE or FAILED as its receipts say, and every
 * unregistered token's device is deactivated.
 */
class GatewayKillTest {

    private static final String ORG = "org-gateway-kill";
    private static final int PARTITIONS = 3;

    @Test
    void shouldSendEachChannelAtMostOncePerAttemptAndEndEveryDeliveryAsItsReceiptsSay() throws Exception {
        long started = System.nanoTime();
        int members = Profile.gatewayMembers();
        List<String> users = Requests.users(members);
        Map<String, Reach> reach = new HashMap<>();
        IntStream.range(0, members).forEach(i -> reach.put(users.get(i), PushAudience.reach(i)));
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        try (Deployment deployment = new Deployment("gateway-kill", PARTITIONS, false);
                LocalProviders providers = LocalProviders.start(deployment.dir())) {
            Node node = deployment.node(EnumSet.of(Role.API, Role.COMMAND, Role.QUERY, Role.WORKFLOW));
            deployment.withEnvironment(environment(mail, providers));
            try (Api api = new Api(node.grpcPort(), ORG)) {
                PushContacts contacts = PushContacts.write(deployment, api, users, providers);
                Serve gateway = deployment.serve("gateway", "gateway").awaitReady(Deployment.START_LIMIT);
                String campaignId = startCampaign(api, users);
                int targets = reach.values().stream().mapToInt(r -> r.channels().size()).sum();

                await().atMost(Duration.ofMinutes(3)).until(() -> ProviderSends.count(providers, mail) >= targets / 3);
                gateway.kill();
                ProviderSends atKill = ProviderSends.read(providers, mail, contacts);
                gateway.start().awaitReady(Deployment.START_LIMIT);

                DeliveryCounts counts = awaitFinalCounts(api, campaignId, reach);
                ProviderSends sent = ProviderSends.read(providers, mail, contacts);
                FinalReceipts finals = FinalReceipts.of(deployment, campaignId);
                Map<String, String> pushIds = pushIds(campaignId, users);

                assertThat(counts.getSent())
                        .isEqualTo(count(reach, r -> r.finalStatus() == DeliveryStatus.DELIVERY_STATUS_SENT, true));
                assertAtMostOncePerAttempt(reach, pushIds, atKill, sent);
                assertEveryAnswerHasItsReceipt(reach, sent, finals);
                CampaignFold fold = CampaignFold.of(deployment.topics, campaignId);
                assertThat(fold.deliveries).hasSize(members);
                assertThat(fold.deliveries.values()).allSatisfy(d -> {
                    assertThat(d.status()).isEqualTo(finals.statusOf(pushIds.get(d.userId())));
                    assertThat(d.status()).isEqualTo(reach.get(d.userId()).finalStatus());
                });
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(deactivated(deployment))
                        .containsExactlyInAnyOrderElementsOf(users(reach, Reach::unregistered)));
                report(reach, atKill, sent, started);
            }
        } finally {
            mail.stop();
        }
    }

    /** Each expected (channel, push id) answered, nothing else; at most once before the kill and once after. */
    private static void assertAtMostOncePerAttempt(Map<String, Reach> reach, Map<String, String> pushIds,
            ProviderSends atKill, ProviderSends sent) {
        Set<Key> accepted = expected(reach, pushIds, false);
        assertThat(atKill.perPush(true).keySet()).as("the kill came mid-campaign").hasSizeLessThan(accepted.size());
        assertThat(sent.perPush(true).keySet()).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(sent.perPush(false).keySet()).containsExactlyInAnyOrderElementsOf(expected(reach, pushIds, true));
        assertThat(moreThanOncePerAttempt(atKill.perPush(true), sent.perPush(true))).isEmpty();
        assertThat(sent.notReplacingTheirCopies()).as("copies replace the first on the device").isEmpty();
        assertThat(moreThanOncePerAttempt(atKill.perPush(false), sent.perPush(false))).isEmpty();
    }

    /** One final receipt per target: ACCEPTED naming the provider's id, UNREGISTERED, NO_DEVICE; none FAILED. */
    private static void assertEveryAnswerHasItsReceipt(Map<String, Reach> reach, ProviderSends sent,
            FinalReceipts finals) {
        assertThat(finals.byTarget.values()).allSatisfy(list -> assertThat(list).hasSize(1));
        assertThat(finals.keys(ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED))
                .containsExactlyInAnyOrderElementsOf(sent.perPush(true).keySet());
        Map<Key, List<String>> providerIds = sent.providerIds();
        assertThat(finals.receipts(ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED)).allSatisfy(r -> assertThat(
                providerIds.get(new Key(r.getChannel(), r.getPushId()))).contains(r.getProviderMessageId()));
        assertThat(finals.keys(ReceiptOutcome.RECEIPT_OUTCOME_UNREGISTERED))
                .containsExactlyInAnyOrderElementsOf(sent.perPush(false).keySet());
        assertThat(finals.receipts(ReceiptOutcome.RECEIPT_OUTCOME_NO_DEVICE)).map(DeliveryReceipt::getUserId)
                .containsExactlyInAnyOrderElementsOf(users(reach, r -> r == Reach.NOTHING));
        assertThat(finals.receipts(ReceiptOutcome.RECEIPT_OUTCOME_FAILED)).isEmpty();
    }

    private static Map<String, String> environment(GreenMail mail, LocalProviders providers) {
        Map<String, String> environment = new HashMap<>(providers.variables());
        environment.putAll(Map.of(
                "PIDGR_SMTP_HOST", "127.0.0.1",
                "PIDGR_SMTP_PORT", String.valueOf(mail.getSmtp().getPort()),
                "PIDGR_SMTP_SECURITY", "none",
                "PIDGR_SMTP_FROM", "hr@pidgr.test",
                "PIDGR_KAFKA_PROPERTIES", "gateway:session.timeout.ms=6000\ngateway:heartbeat.interval.ms=1000"));
        return environment;
    }

    private static String startCampaign(Api api, List<String> users) {
        String templateId = api.templates().createTemplate(Requests.template("Policy")).getTemplate().getId();
        String campaignId = api.campaigns().createCampaign(Requests.campaign("Push", templateId, users, null))
                .getCampaign().getId();
        api.campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(campaignId).build());
        return campaignId;
    }

    /** GetCampaign's counts once every receipt is folded: NO_DEVICE and FAILED as the audience says. */
    private static DeliveryCounts awaitFinalCounts(Api api, String campaignId, Map<String, Reach> reach) {
        long nothing = count(reach, r -> r == Reach.NOTHING, true);
        long unregistered = count(reach, Reach::unregistered, true);
        return await().atMost(Duration.ofMinutes(5)).ignoreExceptions().until(
                () -> api.campaigns().getCampaign(GetCampaignRequest.newBuilder().setId(campaignId).build())
                        .getCampaign().getDeliveryCounts(),
                c -> c.getSent() + c.getNoDevice() + c.getFailed() == reach.size() && c.getNoDevice() == nothing
                        && c.getFailed() == unregistered);
    }

    private static long count(Map<String, Reach> reach, Predicate<Reach> which, boolean is) {
        return reach.values().stream().filter(r -> which.test(r) == is).count();
    }

    private static List<String> users(Map<String, Reach> reach, Predicate<Reach> which) {
        return reach.entrySet().stream().filter(e -> which.test(e.getValue())).map(Map.Entry::getKey).toList();
    }

    private static Map<String, String> pushIds(String campaignId, List<String> users) {
        Map<String, String> pushIds = new HashMap<>();
        users.forEach(user -> pushIds.put(user, Ids.pushId(Ids.deliveryId(campaignId, user), 0)));
        return pushIds;
    }

    /** Every (channel, push id) the providers must have accepted (or, {@code refused}, answered unregistered). */
    private static Set<Key> expected(Map<String, Reach> reach, Map<String, String> pushIds, boolean refused) {
        Set<Key> keys = new HashSet<>();
        reach.forEach((user, r) -> {
            if (r.unregistered() == refused) {
                r.channels().forEach(channel -> keys.add(new Key(channel, pushIds.get(user))));
            }
        });
        return keys;
    }

    /** The (channel, push id)s sent more than once before the kill, or more than once after it. */
    private static Set<Key> moreThanOncePerAttempt(Map<Key, Long> atKill, Map<Key, Long> atEnd) {
        Set<Key> over = new HashSet<>();
        atEnd.forEach((key, total) -> {
            long before = atKill.getOrDefault(key, 0L);
            if (before > 1 || total - before > 1) {
                over.add(key);
            }
        });
        return over;
    }

    /** The users whose device the command side deactivated because a provider called its token unregistered. */
    private static Set<String> deactivated(Deployment deployment) throws Exception {
        Set<String> users = new HashSet<>();
        for (var record : TopicReader.committed(deployment.topics.deviceEvents().name())) {
            DeviceEvent event = DeviceEvent.parseFrom(record.value());
            if (event.hasDeactivated()
                    && event.getDeactivated().getReason() == DeactivationReason.DEACTIVATION_REASON_UNREGISTERED) {
                users.add(event.getUserId());
            }
        }
        return users;
    }

    private static void report(Map<String, Reach> reach, ProviderSends atKill, ProviderSends sent, long started) {
        Map<Reach, Long> members = new EnumMap<>(Reach.class);
        reach.values().forEach(r -> members.merge(r, 1L, Long::sum));
        Report.line("GatewayKillTest", "%d members %s; SIGKILL of the gateway after %s accepted sends; accepted %s,"
                + " refused as unregistered %s, copies of sends in flight at the kill %s (same push id);"
                + " every delivery SENT, NO_DEVICE or FAILED as its receipts say, every unregistered device"
                + " deactivated; %d s", reach.size(), members, atKill.perChannel(true), sent.perChannel(true),
                sent.perChannel(false), sent.copies(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }
}
