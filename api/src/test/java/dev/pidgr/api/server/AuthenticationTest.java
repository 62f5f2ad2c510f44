package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.RawTokens;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.ListCampaignsRequest;
import dev.pidgr.api.v1.ListTemplatesRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

    private static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static Status.Code listCampaignsWith(String token) {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> api.stub(CampaignServiceGrpc.CampaignServiceBlockingStub.class, token)
                        .listCampaigns(ListCampaignsRequest.getDefaultInstance()));
        return error == null ? Status.Code.OK : error.getStatus().getCode();
    }

    private static Status listCampaignsStatusWith(String token) {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> api.stub(CampaignServiceGrpc.CampaignServiceBlockingStub.class, token)
                        .listCampaigns(ListCampaignsRequest.getDefaultInstance()));
        return error == null ? Status.OK : error.getStatus();
    }

    private static JWTClaimsSet viewer() {
        return RawTokens.claims("u1", TestTokens.ORG, Duration.ofMinutes(5), "VIEW_CAMPAIGNS").build();
    }

    @Test
    void shouldAnswerAValidTokenWithThePermission() {
        assertThat(listCampaignsWith(RawTokens.hs256(viewer()))).isEqualTo(Status.Code.OK);
    }

    @Test
    void shouldRefuseACallWithoutAToken() {
        assertThat(listCampaignsWith(null)).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void shouldRefuseAMalformedToken() {
        assertThat(listCampaignsWith("not.a.jwt")).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        JWTClaimsSet expired = RawTokens.claims("u1", TestTokens.ORG, Duration.ofMinutes(-2), "VIEW_CAMPAIGNS").build();
        assertThat(listCampaignsWith(RawTokens.hs256(expired))).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void shouldAcceptATokenExpiredWithinTheClockSkew() {
        JWTClaimsSet justExpired = RawTokens.claims("u1", TestTokens.ORG, Duration.ofSeconds(-20), "VIEW_CAMPAIGNS")
                .build();
        assertThat(listCampaignsWith(RawTokens.hs256(justExpired))).isEqualTo(Status.Code.OK);
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherSecret() {
        byte[] other = "another-secret-that-is-also-long-enough".getBytes(StandardCharsets.UTF_8);
        assertThat(listCampaignsWith(RawTokens.sign(viewer(), JWSAlgorithm.HS256, other)))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void shouldSayOnlyThatATokenExpiredNeverTheLibrarysText() {
        JWTClaimsSet expired = RawTokens.claims("u1", TestTokens.ORG, Duration.ofMinutes(-2), "VIEW_CAMPAIGNS").build();

        Status status = listCampaignsStatusWith(RawTokens.hs256(expired));

        assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(status.getDescription()).isEqualTo("token expired");
    }

    @Test
    void shouldSayOnlyInvalidTokenForABadSignatureNeverTheLibrarysText() {
        byte[] other = "another-secret-that-is-also-long-enough".getBytes(StandardCharsets.UTF_8);

        Status status = listCampaignsStatusWith(RawTokens.sign(viewer(), JWSAlgorithm.HS256, other));

        assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(status.getDescription()).isEqualTo("invalid token");
        assertThat(listCampaignsStatusWith("not.a.jwt").getDescription()).isEqualTo("invalid token");
        JWTClaimsSet longSub = RawTokens.claims(
                        "u".repeat(201), TestTokens.ORG, Duration.ofMinutes(5), "VIEW_CAMPAIGNS")
                .build();
        assertThat(listCampaignsStatusWith(RawTokens.hs256(longSub)).getDescription()).isEqualTo("invalid token");
    }

    @Test
    void shouldRefuseATokenWithAnotherAlgorithm() {
        byte[] longSecret = (new String(TestTokens.SECRET, StandardCharsets.UTF_8)
                        + "-padded-to-sixty-four-bytes-for-hs512!!")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(listCampaignsWith(RawTokens.sign(viewer(), JWSAlgorithm.HS512, longSecret)))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(listCampaignsWith(RawTokens.unsigned(viewer()))).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void shouldRefuseATokenWithoutExpiry() {
        JWTClaimsSet noExp = new JWTClaimsSet.Builder(viewer()).expirationTime(null).build();
        assertThat(listCampaignsWith(RawTokens.hs256(noExp))).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void shouldRefuseATokenWithoutOrganization() {
        JWTClaimsSet noOrg = new JWTClaimsSet.Builder(viewer()).claim("org_id", null).build();
        assertThat(listCampaignsWith(RawTokens.hs256(noOrg))).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void shouldDenyAValidTokenWithoutThePermission() {
        String templatesOnly = TestTokens.token("u1", TestTokens.ORG, Permission.MANAGE_TEMPLATES);
        assertThat(listCampaignsWith(templatesOnly)).isEqualTo(Status.Code.PERMISSION_DENIED);
        String recipient = TestTokens.token("u1", TestTokens.ORG);
        assertThat(listCampaignsWith(recipient)).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void shouldDenyAViewerAMutation() {
        String viewer = TestTokens.token("u1", TestTokens.ORG, Permission.VIEW_CAMPAIGNS);
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> api.stub(CampaignServiceGrpc.CampaignServiceBlockingStub.class, viewer)
                        .startCampaign(StartCampaignRequest.newBuilder().setId(UUID.randomUUID().toString()).build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(error.getStatus().getDescription()).contains("MANAGE_CAMPAIGNS");
    }

    @Test
    void shouldLetManageImplyView() {
        String manager =
                TestTokens.token("u1", TestTokens.ORG, Permission.MANAGE_CAMPAIGNS, Permission.MANAGE_TEMPLATES);
        assertThat(listCampaignsWith(manager)).isEqualTo(Status.Code.OK);
        assertThat(api.stub(TemplateServiceGrpc.TemplateServiceBlockingStub.class, manager)
                .listTemplates(ListTemplatesRequest.getDefaultInstance()).getTemplatesList()).isEmpty();
    }

    @Test
    void shouldHideAnotherOrganizationsCampaignAsNotFound() {
        String id = UUID.randomUUID().toString();
        api.reads.project(TestTokens.OTHER_ORG, Campaign.newBuilder().setId(id).setName("theirs").setVersion(1)
                .setStatus(CampaignStatus.CAMPAIGN_STATUS_CREATED).build());
        String viewer = TestTokens.token("u1", TestTokens.ORG, Permission.VIEW_CAMPAIGNS);
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> api.stub(CampaignServiceGrpc.CampaignServiceBlockingStub.class, viewer)
                        .getCampaign(GetCampaignRequest.newBuilder().setId(id).build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        String theirs = TestTokens.token("u9", TestTokens.OTHER_ORG, Permission.VIEW_CAMPAIGNS);
        assertThat(api.stub(CampaignServiceGrpc.CampaignServiceBlockingStub.class, theirs)
                        .getCampaign(GetCampaignRequest.newBuilder().setId(id).build())
                        .getCampaign()
                        .getName())
                .isEqualTo("theirs");
    }
}
