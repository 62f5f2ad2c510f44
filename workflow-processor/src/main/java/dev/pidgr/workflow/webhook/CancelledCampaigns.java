package dev.pidgr.workflow.webhook;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Campaigns cancelled while webhook pages may be in flight: the dispatcher checks it before every
 * attempt. The processor adds a campaign when it processes its CampaignCancelled (and, on restore,
 * when it finds pages of a campaign that is no longer running). An entry only has to outlive the
 * attempts of pages already dispatched, so entries expire after {@code retention}.
 */
public final class CancelledCampaigns {

    private final Map<String, Long> cancelled = new ConcurrentHashMap<>();
    private final long retentionMillis;

    public CancelledCampaigns(long retentionMillis) {
        this.retentionMillis = retentionMillis;
    }

    public void cancel(String campaignId) {
        long now = System.currentTimeMillis();
        cancelled.values().removeIf(expiresAt -> expiresAt < now);
        cancelled.put(campaignId, now + retentionMillis);
    }

    public boolean isCancelled(String campaignId) {
        return cancelled.containsKey(campaignId);
    }
}
