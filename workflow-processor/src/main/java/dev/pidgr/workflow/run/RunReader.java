package dev.pidgr.workflow.run;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.render.MessageTemplate;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.SendBatch;
import dev.pidgr.workflow.state.WebhookPage;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * What a decision may read besides its run: the shell's stores, read as they stand before the decision's own
 * effects are applied. Members are streamed in user id order from any position, so a sweep reads only as far as
 * its batch goes and an audience is never held in memory.
 */
public interface RunReader {

    /** One audience member: the user id and their variables. */
    record Member(String userId, AudienceMember member) {
    }

    /** Members in user id order (UTF-8 bytes); close it. */
    interface Members extends Iterator<Member>, AutoCloseable {
        @Override
        void close();
    }

    /** The campaign's members after {@code afterUserId} (empty: from the first). */
    Members members(String campaignId, String afterUserId);

    /** Whether the user is in the campaign's audience. */
    boolean isMember(String campaignId, String userId);

    /** A delivery's state; {@code SENT, unread, no reminder} when nothing changed it. */
    DeliveryState delivery(String campaignId, String userId);

    /** The fan-out's send log, in batch order. */
    List<SendBatch> sendLog(String campaignId);

    /**
     * The step's message, compiled from its pinned template version.
     *
     * @throws dev.pidgr.workflow.template.TemplateNotLoadedException when that version is not in the store (yet)
     * @throws WorkflowException when it does not compile or is not the campaign's organization's
     */
    MessageTemplate message(Run run, WorkflowStep step);

    /** A frozen webhook page still pending. */
    Optional<WebhookPage> webhookPage(String campaignId, String stepId, int page);

    /** Whether a page of the campaign waits to be taken by the dispatcher. */
    boolean pageWaiting(String campaignId);
}
