package dev.pidgr.api.auth;

import dev.pidgr.api.v1.ActionServiceGrpc;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.DeviceServiceGrpc;
import dev.pidgr.api.v1.InboxServiceGrpc;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import io.grpc.MethodDescriptor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of who may call what. Every method of our services is listed; a method missing
 * here is refused, so a new RPC cannot be left open by accident. The inbox, action and device
 * services need only a valid token: they act on the caller's own deliveries and devices.
 */
public final class MethodPermissions {

    /** What a method requires beyond a valid token: a permission, or nothing ({@link #anyUser()}). */
    public record Requirement(Optional<Permission> permission) {

        static Requirement of(Permission permission) {
            return new Requirement(Optional.of(permission));
        }

        public static Requirement anyUser() {
            return new Requirement(Optional.empty());
        }

        /** Whether the caller meets it. */
        public boolean allows(Caller caller) {
            return permission.map(caller::has).orElse(true);
        }
    }

    private static final Map<String, Requirement> TABLE = new HashMap<>();

    static {
        put(CampaignServiceGrpc.getCreateCampaignMethod(), Requirement.of(Permission.MANAGE_CAMPAIGNS));
        put(CampaignServiceGrpc.getStartCampaignMethod(), Requirement.of(Permission.MANAGE_CAMPAIGNS));
        put(CampaignServiceGrpc.getUpdateCampaignMethod(), Requirement.of(Permission.MANAGE_CAMPAIGNS));
        put(CampaignServiceGrpc.getCancelCampaignMethod(), Requirement.of(Permission.MANAGE_CAMPAIGNS));
        put(CampaignServiceGrpc.getGetCampaignMethod(), Requirement.of(Permission.VIEW_CAMPAIGNS));
        put(CampaignServiceGrpc.getListCampaignsMethod(), Requirement.of(Permission.VIEW_CAMPAIGNS));
        put(CampaignServiceGrpc.getListDeliveriesMethod(), Requirement.of(Permission.VIEW_CAMPAIGNS));
        put(CampaignServiceGrpc.getGetCampaignTimelineMethod(), Requirement.of(Permission.VIEW_CAMPAIGNS));
        put(CampaignServiceGrpc.getNudgeCampaignMethod(), Requirement.of(Permission.MANAGE_CAMPAIGNS));
        put(CampaignServiceGrpc.getPreviewCampaignMethod(), Requirement.of(Permission.VIEW_CAMPAIGNS));
        put(CampaignServiceGrpc.getListCampaignHistoryMethod(), Requirement.of(Permission.VIEW_CAMPAIGNS));
        put(TemplateServiceGrpc.getCreateTemplateMethod(), Requirement.of(Permission.MANAGE_TEMPLATES));
        put(TemplateServiceGrpc.getUpdateTemplateMethod(), Requirement.of(Permission.MANAGE_TEMPLATES));
        put(TemplateServiceGrpc.getGetTemplateMethod(), Requirement.of(Permission.VIEW_TEMPLATES));
        put(TemplateServiceGrpc.getListTemplatesMethod(), Requirement.of(Permission.VIEW_TEMPLATES));
        put(InboxServiceGrpc.getSyncMethod(), Requirement.anyUser());
        put(InboxServiceGrpc.getMarkReadMethod(), Requirement.anyUser());
        put(InboxServiceGrpc.getGetMessageMethod(), Requirement.anyUser());
        put(ActionServiceGrpc.getSubmitActionMethod(), Requirement.anyUser());
        put(DeviceServiceGrpc.getRegisterMethod(), Requirement.anyUser());
        put(DeviceServiceGrpc.getDeactivateMethod(), Requirement.anyUser());
        put(DeviceServiceGrpc.getListDevicesMethod(), Requirement.anyUser());
        put(DeviceServiceGrpc.getSetEmailMethod(), Requirement.anyUser());
    }

    private MethodPermissions() {
    }

    private static void put(MethodDescriptor<?, ?> method, Requirement requirement) {
        TABLE.put(method.getFullMethodName(), requirement);
    }

    /**
     * The requirement of a method by its full name ({@code pidgr.v1.CampaignService/GetCampaign}), empty when unlisted.
     */
    public static Optional<Requirement> of(String fullMethodName) {
        return Optional.ofNullable(TABLE.get(fullMethodName));
    }
}
