package dev.pidgr.workflow.webhook;

import dev.pidgr.workflow.kafka.Keys;
import dev.pidgr.workflow.webhook.DispatchShares.Admission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One stream task's hand-over to the shared {@link WebhookDispatcher}. Pages the dispatcher cannot
 * take yet (it is full, or their organization's share is) wait here as store keys only: the page
 * itself is pending in the store, read again when it is offered, so a waiting page costs a few
 * bytes and a restart finds it anyway. They are offered again at every punctuation, in order
 * within an organization, skipping organizations whose share is full. A campaign builds its next
 * page only once none of its pages waits here ({@link #isWaiting}), so the line holds at most
 * one page per campaign, plus the pages found pending after a restart.
 *
 * <p>This is also how the dispatcher's threads learn that a campaign's pages are no longer wanted:
 * each campaign with pages handed over has a flag here, which {@link #stop} sets (and forgets),
 * and every page in flight reads its campaign's flag before each attempt. Nothing is kept past the
 * stop, so nothing needs to expire.
 */
public final class WebhookDispatches {

    /** Reads a pending page back from the store as a call; empty when it is no longer pending. */
    @FunctionalInterface
    public interface PendingPages {
        Optional<WebhookCall> call(String pageKey);
    }

    private record Waiting(String pageKey, String campaignId, String organizationId) {
    }

    /** A campaign's pages in flight; its flag is read by the dispatcher's threads. */
    private static final class CampaignCalls {
        private volatile boolean stopped;
    }

    private final WebhookDispatcher dispatcher;
    private final PendingPages pending;
    private final Deque<Waiting> backlog = new ArrayDeque<>();
    private final Map<String, Integer> waitingPerCampaign = new HashMap<>();
    private final Map<String, CampaignCalls> calls = new HashMap<>();
    private volatile boolean owned = true;

    public WebhookDispatches(WebhookDispatcher dispatcher, PendingPages pending) {
        this.dispatcher = dispatcher;
        this.pending = pending;
    }

    /** Hands a page over, or lets it wait when the dispatcher (or its organization's share) is full. */
    public void dispatch(WebhookCall call) {
        if (!isWaiting(call.campaignId()) && handOver(call) == Admission.ACCEPTED) {
            return;
        }
        backlog.addLast(new Waiting(Keys.webhookPage(call.campaignId(), call.stepId(), call.page()), call.campaignId(),
                call.organizationId()));
        waitingPerCampaign.merge(call.campaignId(), 1, Integer::sum);
    }

    /** Whether a page of the campaign waits to be handed over. */
    public boolean isWaiting(String campaignId) {
        return waitingPerCampaign.containsKey(campaignId);
    }

    /** How many pages wait to be handed over. */
    public int waiting() {
        return backlog.size();
    }

    /** Offers waiting pages again: stops when the dispatcher is full, skips organizations whose share is. */
    public void retryBacklog() {
        Set<String> organizationsFull = new HashSet<>();
        for (Iterator<Waiting> it = backlog.iterator(); it.hasNext(); ) {
            Waiting page = it.next();
            if (organizationsFull.contains(page.organizationId())) {
                continue;
            }
            Admission admission = dispatcher.admission(page.organizationId());
            if (admission == Admission.ACCEPTED) {
                Optional<WebhookCall> call = pending.call(page.pageKey());
                if (call.isEmpty()) { // no longer pending (its result is in, or the campaign moved on): nothing to send
                    remove(it, page);
                    continue;
                }
                admission = handOver(call.get());
            }
            switch (admission) {
                case ACCEPTED -> remove(it, page);
                case ORGANIZATION_FULL -> organizationsFull.add(page.organizationId());
                case FULL -> {
                    return;
                }
            }
        }
    }

    /**
     * No page of the campaign is wanted any more: waiting pages are dropped, pages in flight report
     * CANCELLED before their next attempt.
     */
    public void stop(String campaignId) {
        backlog.removeIf(page -> page.campaignId().equals(campaignId));
        waitingPerCampaign.remove(campaignId);
        CampaignCalls stopped = calls.remove(campaignId);
        if (stopped != null) {
            stopped.stopped = true;
        }
    }

    /** The task is closing: its pages in flight stop without calling again. */
    public void close() {
        owned = false;
        backlog.clear();
        waitingPerCampaign.clear();
        calls.clear();
    }

    private void remove(Iterator<Waiting> it, Waiting page) {
        it.remove();
        waitingPerCampaign.computeIfPresent(page.campaignId(), (campaign, n) -> n <= 1 ? null : n - 1);
    }

    private Admission handOver(WebhookCall call) {
        CampaignCalls campaign = calls.computeIfAbsent(call.campaignId(), id -> new CampaignCalls());
        return dispatcher.tryDispatch(call, () -> standing(campaign));
    }

    private WebhookDispatcher.Standing standing(CampaignCalls campaign) {
        if (!owned) {
            return WebhookDispatcher.Standing.DISOWNED;
        }
        return campaign.stopped ? WebhookDispatcher.Standing.CANCELLED : WebhookDispatcher.Standing.WANTED;
    }
}
