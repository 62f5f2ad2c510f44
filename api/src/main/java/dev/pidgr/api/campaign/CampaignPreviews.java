package dev.pidgr.api.campaign;

import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import dev.pidgr.api.grpc.ApiErrors;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.MessagePreview;
import dev.pidgr.api.v1.PreviewCampaignRequest;
import dev.pidgr.api.v1.PreviewCampaignResponse;
import dev.pidgr.api.v1.Template;
import dev.pidgr.contract.render.MessageTemplate;
import dev.pidgr.contract.render.TemplateException;
import dev.pidgr.query.CampaignReads;
import dev.pidgr.query.TemplateReads;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PreviewCampaign: renders the chosen members' messages with the workflow processor's renderer
 * ({@link MessageTemplate}, in the contract) from the query side's projections: the members' variables, the
 * start's template pins and the template version. Costs four indexed reads and one compilation, whatever the
 * audience size. Nothing is written.
 */
final class CampaignPreviews {

    private final CampaignReads campaigns;
    private final TemplateReads templates;

    CampaignPreviews(CampaignReads campaigns, TemplateReads templates) {
        this.campaigns = campaigns;
        this.templates = templates;
    }

    /** {@code campaign}: visible to the caller's organization {@code org}. */
    PreviewCampaignResponse preview(String org, Campaign campaign, PreviewCampaignRequest request) {
        PreviewPlan plan = PreviewPlan.of(campaign, campaigns.templatePins(org, campaign.getId()),
                request.getStepId());
        Map<String, AudienceMember> members = campaigns.members(org, campaign.getId(), request.getUserIdsList());
        List<BadRequest.FieldViolation> outsiders = new ArrayList<>();
        for (int i = 0; i < request.getUserIdsCount(); i++) {
            if (!members.containsKey(request.getUserIds(i))) {
                outsiders.add(ApiErrors.violation("user_ids[" + i + "]",
                        "user \"" + request.getUserIds(i) + "\" is not in the campaign's audience"));
            }
        }
        if (!outsiders.isEmpty()) {
            throw ApiErrors.invalidArgument(outsiders);
        }
        MessageTemplate message = compile(org, campaign, plan);
        PreviewCampaignResponse.Builder response = PreviewCampaignResponse.newBuilder();
        for (String userId : request.getUserIdsList()) {
            Map<String, String> variables = members.get(userId).getVariablesMap();
            response.addPreviews(MessagePreview.newBuilder()
                    .setUserId(userId)
                    // The send time is not known yet: created_at stays unset.
                    .setMessage(message.message(message.render(variables), Timestamp.getDefaultInstance())
                            .toBuilder().clearCreatedAt())
                    .addAllMissingVariables(message.missing(variables)));
        }
        return response.build();
    }

    private MessageTemplate compile(String org, Campaign campaign, PreviewPlan plan) {
        String which = "template " + plan.templateId()
                + (plan.templateVersion() == 0 ? " (latest version)" : " version " + plan.templateVersion());
        Template template = templates.template(org, plan.templateId(), plan.templateVersion())
                .orElseThrow(() -> Status.FAILED_PRECONDITION.withDescription(which + " does not exist")
                        .asRuntimeException());
        try {
            return MessageTemplate.compile(campaign.getId(), campaign.getTitle(), campaign.getSenderName(),
                    plan.send().getSendNotification(), template);
        } catch (TemplateException e) {
            throw Status.FAILED_PRECONDITION.withDescription(which + ": " + e.getMessage()).asRuntimeException();
        }
    }
}
