package dev.pidgr.faults;

import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CancelCampaignRequest;
import dev.pidgr.api.v1.DeactivateRequest;
import dev.pidgr.api.v1.ListDevicesRequest;
import dev.pidgr.api.v1.SetEmailRequest;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.GetCampaignTimelineRequest;
import dev.pidgr.api.v1.GetMessageRequest;
import dev.pidgr.api.v1.GetTemplateRequest;
import dev.pidgr.api.v1.ListCampaignHistoryRequest;
import dev.pidgr.api.v1.ListCampaignsRequest;
import dev.pidgr.api.v1.ListDeliveriesRequest;
import dev.pidgr.api.v1.ListTemplatesRequest;
import dev.pidgr.api.v1.MarkReadRequest;
import dev.pidgr.api.v1.NudgeCampaignRequest;
import dev.pidgr.api.v1.PreviewCampaignRequest;
import dev.pidgr.api.v1.SubmitActionRequest;
import dev.pidgr.api.v1.SyncRequest;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.UpdateCampaignRequest;
import dev.pidgr.api.v1.UpdateTemplateRequest;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.Case;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.Requests;
import io.grpc.Status.Code;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The auth matrix: every RPC with no token, garbage, a token signed with another key, an unsigned
 * (alg none) token, an expired token, a token without the RPC's permission, and organization B's
 * token aimed at organization A's campaign, template or delivery. Each gets the status docs/api.md gives.
 */
final class AuthCases {

    /**
     * An RPC: the permission it needs (null: any valid token, a recipient's), and its call on A's objects with a token.
     */
    record Rpc(String name, Permission needs, Function<String, Case.Call> call, Code strangerGets) {
    }

    private AuthCases() {
    }

    static List<Rpc> rpcs(MatrixFixture f) {
        Api a = f.a;
        return List.of(
                new Rpc(
                        "CreateCampaign",
                        Permission.MANAGE_CAMPAIGNS,
                        t -> () -> a.campaigns(t)
                                .createCampaign(InvalidRequests.draft(f).build()),
                        Code.FAILED_PRECONDITION),
                new Rpc(
                        "StartCampaign",
                        Permission.MANAGE_CAMPAIGNS,
                        t -> () -> a.campaigns(t).startCampaign(InvalidRequests.start(f.draftId)),
                        Code.NOT_FOUND),
                new Rpc(
                        "GetCampaign",
                        Permission.VIEW_CAMPAIGNS,
                        t -> () -> a.campaigns(t)
                                .getCampaign(GetCampaignRequest.newBuilder()
                                        .setId(f.completedId)
                                        .build()),
                        Code.NOT_FOUND),
                new Rpc(
                        "PreviewCampaign",
                        Permission.VIEW_CAMPAIGNS,
                        t -> () -> a.campaigns(t).previewCampaign(PreviewCampaignRequest.newBuilder()
                                .setId(f.completedId).addUserIds("user-000000").build()),
                        Code.NOT_FOUND),
                new Rpc(
                        "ListCampaignHistory",
                        Permission.VIEW_CAMPAIGNS,
                        t -> () -> a.campaigns(t).listCampaignHistory(ListCampaignHistoryRequest.newBuilder()
                                .setId(f.completedId).build()),
                        Code.NOT_FOUND),
                new Rpc(
                        "GetCampaignTimeline",
                        Permission.VIEW_CAMPAIGNS,
                        t -> () -> a.campaigns(t)
                                .getCampaignTimeline(GetCampaignTimelineRequest.newBuilder()
                                        .setId(f.completedId)
                                        .build()),
                        Code.NOT_FOUND),
                new Rpc(
                        NudgeCases.RPC,
                        Permission.MANAGE_CAMPAIGNS,
                        t -> () -> a.campaigns(t).nudgeCampaign(NudgeCampaignRequest.newBuilder()
                                .setId(f.completedId).build()),
                        Code.NOT_FOUND),
                new Rpc(
                        "ListCampaigns",
                        Permission.VIEW_CAMPAIGNS,
                        t -> () -> noneOf(
                                f,
                                a
                                        .campaigns(t)
                                        .listCampaigns(ListCampaignsRequest.getDefaultInstance())
                                        .getCampaignsList()
                                        .stream()
                                        .map(Campaign::getId)
                                        .toList()),
                        Code.OK),
                new Rpc(
                        "UpdateCampaign",
                        Permission.MANAGE_CAMPAIGNS,
                        t -> () -> a.campaigns(t)
                                .updateCampaign(UpdateCampaignRequest.newBuilder()
                                        .setId(f.draftId)
                                        .setName("Hijacked")
                                        .build()),
                        Code.NOT_FOUND),
                new Rpc(
                        "CancelCampaign",
                        Permission.MANAGE_CAMPAIGNS,
                        t -> () -> a.campaigns(t)
                                .cancelCampaign(CancelCampaignRequest.newBuilder()
                                        .setId(f.draftId)
                                        .build()),
                        Code.NOT_FOUND),
                new Rpc(
                        "ListDeliveries",
                        Permission.VIEW_CAMPAIGNS,
                        t -> () -> a.campaigns(t)
                                .listDeliveries(ListDeliveriesRequest.newBuilder()
                                        .setCampaignId(f.completedId)
                                        .build()),
                        Code.NOT_FOUND),
                new Rpc(
                        "CreateTemplate",
                        Permission.MANAGE_TEMPLATES,
                        t -> () -> a.templates(t).createTemplate(Requests.template("Own")),
                        Code.OK),
                new Rpc(
                        "UpdateTemplate",
                        Permission.MANAGE_TEMPLATES,
                        t -> () -> a.templates(t)
                                .updateTemplate(UpdateTemplateRequest.newBuilder()
                                        .setTemplateId(f.templateId)
                                        .setBody("Hijacked")
                                        .build()),
                        Code.NOT_FOUND),
                new Rpc(
                        "GetTemplate",
                        Permission.VIEW_TEMPLATES,
                        t -> () -> a.templates(t)
                                .getTemplate(GetTemplateRequest.newBuilder()
                                        .setTemplateId(f.templateId)
                                        .build()),
                        Code.NOT_FOUND),
                new Rpc(
                        "ListTemplates",
                        Permission.VIEW_TEMPLATES,
                        t -> () -> noneOf(
                                f,
                                a
                                        .templates(t)
                                        .listTemplates(ListTemplatesRequest.getDefaultInstance())
                                        .getTemplatesList()
                                        .stream()
                                        .map(Template::getId)
                                        .toList()),
                        Code.OK),
                new Rpc(
                        "Sync",
                        null,
                        t -> () -> noneOf(
                                f,
                                a.inbox(t).sync(SyncRequest.getDefaultInstance()).getEntriesList().stream()
                                        .map(e -> e.getDeliveryId())
                                        .toList()),
                        Code.OK),
                new Rpc(
                        "MarkRead",
                        null,
                        t -> () -> a.inbox(t)
                                .markRead(MarkReadRequest.newBuilder()
                                        .setDeliveryId(f.deliveryId)
                                        .build()),
                        Code.NOT_FOUND),
                new Rpc(
                        "GetMessage",
                        null,
                        t -> () -> a.inbox(t)
                                .getMessage(GetMessageRequest.newBuilder()
                                        .setDeliveryId(f.deliveryId)
                                        .build()),
                        Code.NOT_FOUND),
                new Rpc(
                        "SubmitAction",
                        null,
                        t -> () -> a.actions(t)
                                .submitAction(SubmitActionRequest.newBuilder()
                                        .setDeliveryId(f.deliveryId)
                                        .setActionId("ack")
                                        .build()),
                        Code.NOT_FOUND),
                new Rpc("Register", null, t -> () -> a.devices(t).register(DeviceCases.phone("auth-phone")), Code.OK),
                new Rpc("Deactivate", null, t -> () -> a.devices(t).deactivate(DeactivateRequest.newBuilder()
                        .setDeviceId(DeviceCases.REGISTERED).build()), Code.NOT_FOUND),
                new Rpc("ListDevices", null, t -> () -> DeviceCases.noneOfA(
                        a.devices(t).listDevices(ListDevicesRequest.getDefaultInstance())), Code.OK),
                new Rpc("SetEmail", null, t -> () -> a.devices(t).setEmail(SetEmailRequest.newBuilder()
                        .setEmail("b@example.org").build()), Code.OK));
    }

    /** Every RPC with every kind of bad credential. */
    static List<Case> cases(MatrixFixture f) {
        List<Case> cases = new ArrayList<>();
        for (Rpc rpc : rpcs(f)) {
            String user = rpc.needs == null ? MatrixFixture.RECIPIENT : "admin";
            Set<Permission> all = rpc.needs == null ? Set.of() : EnumSet.allOf(Permission.class);
            cases.add(Case.of(rpc.name, "no token", Code.UNAUTHENTICATED, rpc.call.apply(null)));
            cases.add(Case.of(rpc.name, "garbage token", Code.UNAUTHENTICATED, rpc.call.apply("not.a.jwt")));
            cases.add(Case.of(
                    rpc.name,
                    "signed with another key",
                    Code.UNAUTHENTICATED,
                    rpc.call.apply(new DevTokens(
                                    "another-secret-that-is-also-32-bytes-long".getBytes(StandardCharsets.UTF_8),
                                    Clock.systemUTC())
                            .issue(user, MatrixFixture.ORG_A, all, Duration.ofHours(1)))));
            cases.add(Case.of(rpc.name, "unsigned (alg none)", Code.UNAUTHENTICATED, rpc.call.apply(unsigned(user))));
            cases.add(Case.of(rpc.name, "expired an hour ago", Code.UNAUTHENTICATED, rpc.call.apply(
                    new DevTokens(Deployment.JWT_SECRET, Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)))
                            .issue(user, MatrixFixture.ORG_A, all, Duration.ofHours(1)))));
            if (rpc.needs != null) {
                cases.add(Case.of(
                        rpc.name,
                        "without " + rpc.needs,
                        Code.PERMISSION_DENIED,
                        rpc.call.apply(f.a.token(user, without(rpc.needs)))));
            }
            String stranger = rpc.needs == null ? f.b.recipient(MatrixFixture.RECIPIENT) : f.b.admin();
            cases.add(Case.of(rpc.name, "organization B on A's objects", rpc.strangerGets, rpc.call.apply(stranger)));
        }
        return cases;
    }

    /** Every permission but {@code needed} and what implies it (MANAGE_X implies VIEW_X). */
    private static Set<Permission> without(Permission needed) {
        Set<Permission> rest = EnumSet.allOf(Permission.class);
        rest.remove(needed);
        if (needed == Permission.VIEW_CAMPAIGNS) {
            rest.remove(Permission.MANAGE_CAMPAIGNS);
        }
        if (needed == Permission.VIEW_TEMPLATES) {
            rest.remove(Permission.MANAGE_TEMPLATES);
        }
        return rest;
    }

    /** A token with {@code alg: none} and no signature, claiming every permission in organization A. */
    private static String unsigned(String user) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = System.currentTimeMillis() / 1000 + 3600;
        String claims = b64.encodeToString(("{\"sub\":\"" + user + "\",\"org_id\":\"" + MatrixFixture.ORG_A
                        + "\",\"exp\":" + exp + ",\"permissions\":[\"MANAGE_CAMPAIGNS\",\"MANAGE_TEMPLATES\"]}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    /** Organization B must see none of A's objects in a list. */
    private static void noneOf(MatrixFixture f, List<String> ids) {
        List<String> leaked = ids.stream()
                .filter(id -> id.equals(f.draftId)
                        || id.equals(f.completedId)
                        || id.equals(f.templateId)
                        || id.equals(f.deliveryId)
                        || id.equals(f.cancelledId))
                .toList();
        if (!leaked.isEmpty()) {
            throw new AssertionError("organization A's objects listed: " + leaked);
        }
    }
}
