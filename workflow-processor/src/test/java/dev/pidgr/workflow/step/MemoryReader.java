package dev.pidgr.workflow.step;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.render.MessageTemplate;
import dev.pidgr.contract.render.TemplateException;
import dev.pidgr.workflow.delivery.Deliveries;
import dev.pidgr.workflow.run.Effect;
import dev.pidgr.workflow.run.FanOuts;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.RunReader;
import dev.pidgr.workflow.run.WorkflowException;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.SendBatch;
import dev.pidgr.workflow.state.TemplateVersion;
import dev.pidgr.workflow.state.WebhookPage;
import dev.pidgr.workflow.template.StepMessages;
import dev.pidgr.workflow.template.TemplateNotLoadedException;
import dev.pidgr.workflow.template.TemplatePins;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One campaign's stores in memory, in the order the real ones keep (user ids by UTF-8 bytes), read as the shell's
 * StoreReader reads them; {@link #apply} writes a decision's effects as the shell's applier does.
 */
public final class MemoryReader implements RunReader {

    final TreeMap<String, AudienceMember> members = new TreeMap<>(FanOuts::compareUserIds);
    final Map<String, DeliveryState> deliveries = new HashMap<>();
    final List<SendBatch> sends = new ArrayList<>();
    final Map<String, TemplateVersion> templates = new HashMap<>();
    final TreeMap<String, WebhookPage> pages = new TreeMap<>();
    final List<WebhookPage> dispatched = new ArrayList<>();
    boolean pageWaiting;
    int stopCalls;

    @Override
    public Members members(String campaignId, String afterUserId) {
        Iterator<Map.Entry<String, AudienceMember>> it = (afterUserId.isEmpty() ? members
                : members.tailMap(afterUserId, false)).entrySet().iterator();
        return new Members() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Member next() {
                Map.Entry<String, AudienceMember> next = it.next();
                return new Member(next.getKey(), next.getValue());
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public boolean isMember(String campaignId, String userId) {
        return members.containsKey(userId);
    }

    @Override
    public DeliveryState delivery(String campaignId, String userId) {
        return deliveries.getOrDefault(userId, Deliveries.SENT);
    }

    @Override
    public List<SendBatch> sendLog(String campaignId) {
        return List.copyOf(sends);
    }

    @Override
    public MessageTemplate message(Run run, WorkflowStep step) {
        TemplatePins.Pin pin = TemplatePins.of(run.spec(), step);
        TemplateVersion version = templates.get(pin.templateId() + "/" + pin.version());
        if (version == null) {
            throw new TemplateNotLoadedException("template " + pin.templateId() + " version " + pin.version()
                    + " is missing");
        }
        try {
            return MessageTemplate.compile(run.campaignId(), run.spec().getTitle(), run.spec().getSenderName(),
                    step.getSendNotification(), StepMessages.text(version));
        } catch (TemplateException e) {
            throw new WorkflowException("template " + pin.templateId() + " version " + pin.version() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Optional<WebhookPage> webhookPage(String campaignId, String stepId, int page) {
        return Optional.ofNullable(pages.get(stepId + "/" + page));
    }

    @Override
    public boolean pageWaiting(String campaignId) {
        return pageWaiting;
    }

    /** Writes an effect to these stores (records are the fixture's to keep). */
    void apply(Effect effect) {
        switch (effect) {
            case Effect.SetDelivery set -> deliveries.put(set.userId(), set.state());
            case Effect.LogSend log -> sends.add(log.batch());
            case Effect.AddMember add -> members.put(add.userId(), add.member());
            case Effect.SendPage send -> {
                pages.put(send.page().getStepId() + "/" + send.page().getPage(), send.page());
                dispatched.add(send.page());
            }
            case Effect.DropPage drop -> pages.remove(drop.stepId() + "/" + drop.page());
            case Effect.StopCalls stop -> stopCalls++;
            case Effect.Emit emit -> { }
            case Effect.Push push -> { }
            case Effect.Command command -> { }
            case Effect.SaveSpec save -> { }
        }
    }
}
