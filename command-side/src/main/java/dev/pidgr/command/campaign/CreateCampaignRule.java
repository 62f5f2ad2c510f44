package dev.pidgr.command.campaign;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.command.catalog.TemplateCatalog;
import dev.pidgr.command.catalog.TemplateVersion;
import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.command.workflow.WorkflowValidator;
import dev.pidgr.events.v1.CampaignAudienceAdded;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignCreated;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CreateCampaign;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CreateCampaign: a draft with its template version pinned (0 = the latest now), the default
 * workflow when none is given, and the audience written as CampaignAudienceAdded chunks after
 * CampaignCreated.
 */
final class CreateCampaignRule {

    private final WorkflowValidator workflows;

    CreateCampaignRule(WorkflowValidator workflows) {
        this.workflows = workflows;
    }

    Decision<CampaignEvent.Builder> decide(CampaignCommand command, TemplateCatalog catalog) {
        CreateCampaign c = command.getCreateCampaign();
        WorkflowDefinition workflow = c.hasWorkflow() ? c.getWorkflow() : DefaultWorkflow.INSTANCE;
        List<Violation> invalid = new ArrayList<>();
        DraftFields.check(
                invalid,
                c.getName(),
                true,
                c.getSenderName(),
                c.getTitle(),
                c.getTemplateId(),
                true,
                c.getTemplateVersion());
        invalid.addAll(workflows.validate(workflow, "workflow"));
        AudienceRules.check(c.getAudienceList(), invalid);
        if (!invalid.isEmpty()) {
            return Decision.reject(Rejection.invalid(invalid));
        }
        TemplateRefs refs = new TemplateRefs(catalog, command.getMetadata().getOrganizationId());
        List<Violation> missing = new ArrayList<>();
        Optional<TemplateVersion> template = refs.resolve(c.getTemplateId(), c.getTemplateVersion(), "template_id",
                "template_version", missing);
        refs.checkSteps(workflow, c.getTemplateId(), missing);
        if (!missing.isEmpty()) {
            return Decision.reject(Rejection.templateMissing(missing));
        }
        return Decision.accept(events(c, workflow, template.orElseThrow().version()));
    }

    private static List<CampaignEvent.Builder> events(
            CreateCampaign c, WorkflowDefinition workflow, int templateVersion) {
        List<List<AudienceMember>> chunks = AudienceChunker.chunks(c.getAudienceList());
        List<CampaignEvent.Builder> events = new ArrayList<>(chunks.size() + 1);
        events.add(CampaignEvent.newBuilder().setCreated(CampaignCreated.newBuilder()
                .setName(c.getName())
                .setTemplateId(c.getTemplateId())
                .setTemplateVersion(templateVersion)
                .setWorkflow(workflow)
                .setSenderName(c.getSenderName())
                .setTitle(c.getTitle())
                .setTotalRecipients(c.getAudienceCount())
                .setAudienceChunkCount(chunks.size())));
        for (int i = 0; i < chunks.size(); i++) {
            events.add(CampaignEvent.newBuilder().setAudienceAdded(CampaignAudienceAdded.newBuilder()
                    .setChunkIndex(i)
                    .setChunkCount(chunks.size())
                    .addAllMembers(chunks.get(i))));
        }
        return events;
    }
}
