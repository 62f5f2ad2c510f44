package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.api.v1.DeviceSummary;
import dev.pidgr.api.v1.Platform;
import dev.pidgr.events.v1.DeactivationReason;
import dev.pidgr.events.v1.DeviceDeactivated;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.events.v1.DeviceRegistered;
import dev.pidgr.events.v1.DeviceTokenReplaced;
import dev.pidgr.events.v1.EmailSet;
import dev.pidgr.query.sql.Sql;
import dev.pidgr.query.support.Db;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** pidgr.device.events into devices and user_contacts, and ListDevices' read of them. */
class DeviceProjectionTest {

    private static final String ORG = "org-a";
    private static final String USER = "user-1";
    private static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");

    private HikariDataSource db;
    private Direct direct;
    private PostgresReads reads;

    @BeforeEach
    void setUp() throws Exception {
        db = Db.fresh();
        direct = Direct.on(db);
        reads = new PostgresReads(db, new PageTokens("device-test-key-of-32-bytes!!!!!".getBytes()));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private static DeviceEvent.Builder event(String org, long version, Instant at) {
        return DeviceEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setOrganizationId(org)
                .setUserId(USER).setVersion(version).setOccurredAt(Sql.timestamp(at))
                .setCommandId(UUID.randomUUID().toString()).setActor(USER);
    }

    private static DeviceEvent registered(long version, String deviceId, Instant at) {
        return event(ORG, version, at).setRegistered(DeviceRegistered.newBuilder().setDeviceId(deviceId)
                .setPlatform(Platform.PLATFORM_IOS).setPushToken("tok-" + deviceId)).build();
    }

    @Test
    void shouldListTheRecipientsDevicesOldestFirstWithoutOthers() throws Exception {
        direct.devices(registered(1, "zeta", T0), registered(2, "alpha", T0.plusSeconds(5)),
                event("org-b", 1, T0).setRegistered(DeviceRegistered.newBuilder().setDeviceId("foreign")
                        .setPlatform(Platform.PLATFORM_WEB).setPushToken("x")).build());

        assertThat(reads.devices(ORG, USER)).extracting(DeviceSummary::getDeviceId).containsExactly("zeta", "alpha");
        assertThat(reads.devices(ORG, "user-2")).isEmpty();
        assertThat(reads.deviceVersion(ORG, USER)).isEqualTo(2);
        assertThat(reads.deviceVersion("org-b", USER)).isEqualTo(1);
    }

    @Test
    void shouldShowAReplacedTokenAsActiveWithTheNewPlatformAndLastSeen() throws Exception {
        direct.devices(registered(1, "phone", T0),
                event(ORG, 2, T0.plusSeconds(60)).setDeactivated(DeviceDeactivated.newBuilder().setDeviceId("phone")
                        .setReason(DeactivationReason.DEACTIVATION_REASON_USER)).build());
        assertThat(reads.devices(ORG, USER).getFirst().getActive()).isFalse();

        direct.devices(event(ORG, 3, T0.plusSeconds(120)).setTokenReplaced(DeviceTokenReplaced.newBuilder()
                .setDeviceId("phone").setPlatform(Platform.PLATFORM_ANDROID).setPushToken("tok-2")).build());

        assertThat(reads.devices(ORG, USER)).containsExactly(DeviceSummary.newBuilder().setDeviceId("phone")
                .setUserId(USER).setPlatform(Platform.PLATFORM_ANDROID).setActive(true)
                .setCreatedAt(Sql.timestamp(T0)).setLastSeen(Sql.timestamp(T0.plusSeconds(120))).build());
    }

    @Test
    void shouldApplyAnEventOnceWhenItArrivesAgain() throws Exception {
        DeviceEvent deactivated = event(ORG, 2, T0).setDeactivated(DeviceDeactivated.newBuilder()
                .setDeviceId("phone").setReason(DeactivationReason.DEACTIVATION_REASON_USER)).build();
        DeviceEvent replaced = event(ORG, 3, T0.plusSeconds(1)).setTokenReplaced(DeviceTokenReplaced.newBuilder()
                .setDeviceId("phone").setPlatform(Platform.PLATFORM_IOS).setPushToken("tok-2")).build();
        direct.devices(registered(1, "phone", T0), deactivated, replaced);

        direct.devices(deactivated);

        assertThat(reads.devices(ORG, USER).getFirst().getActive()).isTrue();
        assertThat(reads.deviceVersion(ORG, USER)).isEqualTo(3);
    }

    @Test
    void shouldKeepTheEmailAcrossDeviceEventsAndClearIt() throws Exception {
        direct.devices(event(ORG, 1, T0).setEmailSet(EmailSet.newBuilder().setEmail("ada@example.org")).build(),
                registered(2, "phone", T0));

        assertThat(email()).isEqualTo("ada@example.org");
        direct.devices(event(ORG, 3, T0).setEmailSet(EmailSet.getDefaultInstance()).build());
        assertThat(email()).isEmpty();
    }

    private String email() throws Exception {
        try (var c = db.getConnection(); var s = c.prepareStatement(
                "SELECT email FROM pidgr.user_contacts WHERE organization_id = ? AND user_id = ?")) {
            s.setString(1, ORG);
            s.setString(2, USER);
            try (var r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }
}
