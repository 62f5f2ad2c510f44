package dev.pidgr.workflow.webhook;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One stream task's hand-over to the shared {@link WebhookDispatcher}: pages the dispatcher could
 * not take yet wait here (in memory: they are also pending in the store, so a restart finds them)
 * and are offered again at every punctuation, in order.
 */
public final class WebhookDispatches {

    private final WebhookDispatcher dispatcher;
    private final Deque<WebhookCall> backlog = new ArrayDeque<>();
    private volatile boolean owned = true;

    public WebhookDispatches(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Hands a page over, or queues it when the dispatcher is full. */
    public void dispatch(WebhookCall call) {
        if (!backlog.isEmpty() || !dispatcher.tryDispatch(call, this::owned)) {
            backlog.addLast(call);
        }
    }

    /** Offers queued pages again. */
    public void retryBacklog() {
        while (!backlog.isEmpty() && dispatcher.tryDispatch(backlog.peekFirst(), this::owned)) {
            backlog.removeFirst();
        }
    }

    /** The campaign was cancelled or stopped: queued pages are dropped, pages in flight report CANCELLED. */
    public void cancel(String campaignId) {
        backlog.removeIf(call -> call.campaignId().equals(campaignId));
        dispatcher.cancelled().cancel(campaignId);
    }

    /** The task is closing: its pages in flight stop without calling again. */
    public void close() {
        owned = false;
        backlog.clear();
    }

    private boolean owned() {
        return owned;
    }
}
