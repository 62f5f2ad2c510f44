-- NudgeCampaign: each nudge of a campaign as the workflow reported it: how many deliveries it selected
-- (NudgeSelected; the count NudgeCampaign answers) and, once through, how many it reminded and skipped
-- (NudgeFinished). Written only by the delivery projector, in the same transactions as the deliveries.
CREATE TABLE campaign_nudges (
    organization_id text    NOT NULL,
    campaign_id     text    NOT NULL,
    nudge           bigint  NOT NULL,   -- the version of its CampaignNudged event
    matched         int     NOT NULL DEFAULT 0,
    reminded        int     NOT NULL DEFAULT 0,
    skipped         int     NOT NULL DEFAULT 0,
    finished        boolean NOT NULL DEFAULT false,
    PRIMARY KEY (organization_id, campaign_id, nudge)
);
