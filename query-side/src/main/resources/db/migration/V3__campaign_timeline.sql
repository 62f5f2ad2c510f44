-- GetCampaignTimeline: how many deliveries of a campaign reached each state within each slot of
-- time, kept at three granularities (1 s, 1 min, 1 h) so that any bucket the API offers (1 s to
-- 1 h) is summed from at most ten rows per point. Written only by the delivery projector, in the
-- same transactions as the deliveries, as deltas of the moments each event set.
CREATE TABLE campaign_timeline (
    organization_id text     NOT NULL,
    campaign_id     text     NOT NULL,
    granularity     int      NOT NULL,   -- seconds: 1, 60 or 3600
    at              timestamptz NOT NULL, -- the slot's start, a multiple of the granularity
    sent            int      NOT NULL DEFAULT 0,
    delivered       int      NOT NULL DEFAULT 0,
    read_count      int      NOT NULL DEFAULT 0,
    acknowledged    int      NOT NULL DEFAULT 0,
    missed          int      NOT NULL DEFAULT 0,
    reminded        int      NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, campaign_id, granularity, at)
);

-- What projected deliveries already tell (each first time is on its row). Reminders before this
-- migration are not: a replay (docs/operations.md) rebuilds them from the events.
INSERT INTO campaign_timeline (organization_id, campaign_id, granularity, at, sent, delivered, read_count,
    acknowledged, missed)
SELECT d.organization_id, d.campaign_id, g.seconds,
    to_timestamp(floor(extract(epoch FROM m.at) / g.seconds) * g.seconds),
    count(*) FILTER (WHERE m.kind = 'sent'), count(*) FILTER (WHERE m.kind = 'delivered'),
    count(*) FILTER (WHERE m.kind = 'read'), count(*) FILTER (WHERE m.kind = 'acknowledged'),
    count(*) FILTER (WHERE m.kind = 'missed')
FROM deliveries d
CROSS JOIN LATERAL (VALUES ('sent', d.sent_at), ('delivered', d.delivered_at), ('read', d.read_at),
    ('acknowledged', d.acknowledged_at), ('missed', d.missed_at)) AS m(kind, at)
CROSS JOIN (VALUES (1), (60), (3600)) AS g(seconds)
WHERE m.at IS NOT NULL
GROUP BY 1, 2, 3, 4;

-- ListCampaigns filtered by status pages through this.
CREATE INDEX campaigns_newest_by_status ON campaigns (organization_id, status, created_at, id);
