package dev.pidgr.workflow.kafka;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.render.MessageTemplate;
import dev.pidgr.workflow.delivery.Deliveries;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.RunReader;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.SendBatch;
import dev.pidgr.workflow.state.WebhookPage;
import dev.pidgr.workflow.template.StepMessages;
import dev.pidgr.workflow.webhook.WebhookDispatches;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * What decisions read, from the task's stores. Members are a range scan over the campaign's contiguous key range,
 * streamed: a sweep reads only as far as its batch goes. A delivery nothing changed is not stored: it reads as
 * {@link Deliveries#SENT}.
 */
public final class StoreReader implements RunReader {

    private final WorkflowStores stores;
    private final StepMessages messages;
    private final WebhookDispatches dispatches;

    public StoreReader(WorkflowStores stores, StepMessages messages, WebhookDispatches dispatches) {
        this.stores = stores;
        this.messages = messages;
        this.dispatches = dispatches;
    }

    @Override
    public Members members(String campaignId, String afterUserId) {
        String from = afterUserId.isEmpty() ? Keys.first(campaignId) : Keys.after(campaignId, afterUserId);
        KeyValueIterator<String, AudienceMember> range = stores.members.range(from, Keys.end(campaignId));
        return new Members() {
            @Override
            public boolean hasNext() {
                return range.hasNext();
            }

            @Override
            public Member next() {
                KeyValue<String, AudienceMember> next = range.next();
                return new Member(Keys.userOf(campaignId, next.key), next.value);
            }

            @Override
            public void close() {
                range.close();
            }
        };
    }

    @Override
    public boolean isMember(String campaignId, String userId) {
        return stores.members.get(Keys.member(campaignId, userId)) != null;
    }

    @Override
    public DeliveryState delivery(String campaignId, String userId) {
        DeliveryState state = stores.deliveries.get(Keys.member(campaignId, userId));
        return state == null ? Deliveries.SENT : state;
    }

    @Override
    public List<SendBatch> sendLog(String campaignId) {
        List<SendBatch> batches = new ArrayList<>();
        String from = Keys.first(campaignId);
        try (KeyValueIterator<String, SendBatch> it = stores.sends.range(from, Keys.end(campaignId))) {
            it.forEachRemaining(kv -> batches.add(kv.value));
        }
        return batches;
    }

    @Override
    public MessageTemplate message(Run run, WorkflowStep step) {
        return messages.of(run, step);
    }

    @Override
    public Optional<WebhookPage> webhookPage(String campaignId, String stepId, int page) {
        return Optional.ofNullable(stores.webhookPages.get(Keys.webhookPage(campaignId, stepId, page)));
    }

    @Override
    public boolean pageWaiting(String campaignId) {
        return dispatches.isWaiting(campaignId);
    }
}
