package dev.pidgr.faults.support;

import dev.pidgr.localproviders.apns.ApnsServer;
import dev.pidgr.localproviders.apns.Pem;
import dev.pidgr.localproviders.fcm.FcmServer;
import dev.pidgr.localproviders.fcm.ServiceAccount;
import dev.pidgr.localproviders.webpush.PushService;
import dev.pidgr.localproviders.webpush.VapidKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Map;

/**
 * The three push providers as local servers in the test JVM (local-providers/), with the credentials a gateway
 * needs for them written to files, and the variables ({@link #variables()}) that point a {@code serve --roles
 * gateway} process at them (docs/channels.md, "Testing against local providers").
 */
public final class LocalProviders implements AutoCloseable {

    private static final String KEY_ID = "FAULTKEY01";
    private static final String TEAM_ID = "FAULTTEAM1";
    private static final String TOPIC = "dev.pidgr.faults";
    private static final String SUBJECT = "mailto:faults@pidgr.test";

    public final ApnsServer apns;
    public final FcmServer fcm;
    public final PushService webPush;
    private final Map<String, String> variables;

    private LocalProviders(ApnsServer apns, FcmServer fcm, PushService webPush, Map<String, String> variables) {
        this.apns = apns;
        this.fcm = fcm;
        this.webPush = webPush;
        this.variables = variables;
    }

    /** Starts the servers on free ports and writes the key files into {@code dir}. */
    public static LocalProviders start(Path dir) throws Exception {
        KeyPair team = Pem.p256();
        ApnsServer apns = ApnsServer.start((ECPublicKey) team.getPublic(), KEY_ID, TEAM_ID);
        ServiceAccount account = ServiceAccount.generate("pidgr-faults", "gateway@pidgr-faults.iam.example");
        FcmServer fcm = FcmServer.start(account);
        PushService webPush = PushService.start(SUBJECT);
        VapidKeys vapid = VapidKeys.generate();
        Map<String, String> variables = Map.ofEntries(
                Map.entry("PIDGR_APNS_KEY_FILE", Pem.writePrivateKey(dir.resolve("apns.p8"), team).toString()),
                Map.entry("PIDGR_APNS_KEY_ID", KEY_ID),
                Map.entry("PIDGR_APNS_TEAM_ID", TEAM_ID),
                Map.entry("PIDGR_APNS_TOPIC", TOPIC),
                Map.entry("PIDGR_APNS_ENDPOINT", "localhost:" + apns.port()),
                Map.entry("PIDGR_APNS_TRUST_FILE",
                        Pem.writeCertificate(dir.resolve("apns.pem"), apns.certificate()).toString()),
                Map.entry("PIDGR_FCM_SERVICE_ACCOUNT_FILE",
                        account.write(dir.resolve("fcm.json"), "https://oauth2.googleapis.invalid/token").toString()),
                Map.entry("PIDGR_FCM_ENDPOINT", fcm.base()),
                Map.entry("PIDGR_FCM_TOKEN_ENDPOINT", fcm.tokenEndpoint()),
                Map.entry("PIDGR_WEBPUSH_VAPID_PUBLIC_KEY", vapid.publicKey()),
                Map.entry("PIDGR_WEBPUSH_VAPID_PRIVATE_KEY", vapid.privateKey()),
                Map.entry("PIDGR_WEBPUSH_VAPID_SUBJECT", SUBJECT));
        return new LocalProviders(apns, fcm, webPush, variables);
    }

    /** The gateway's push variables for these servers. */
    public Map<String, String> variables() {
        return variables;
    }

    @Override
    public void close() {
        apns.close();
        fcm.close();
        webPush.close();
    }
}
