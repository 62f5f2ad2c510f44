-- ListCampaignHistory and PreviewCampaign. Written only by the campaign projector, in the same
-- transactions as the campaigns, each insert idempotent (a record read twice changes nothing).

-- The audit trail: one row per campaign event, the summary made when it was projected.
CREATE TABLE campaign_history (
    organization_id text   NOT NULL,
    campaign_id     text   NOT NULL,
    version         bigint NOT NULL,   -- the campaign version the event made
    event_type      text   NOT NULL,   -- the payload's message name, e.g. CampaignStarted
    occurred_at     timestamptz NOT NULL,
    actor           text   NOT NULL,   -- a caller's sub, or 'workflow'
    summary         text   NOT NULL,
    command_id      text   NOT NULL,
    PRIMARY KEY (organization_id, campaign_id, version)
);

-- Each campaign's audience with the members' variables, as CampaignAudienceAdded carried them.
CREATE TABLE campaign_members (
    organization_id text  NOT NULL,
    campaign_id     text  NOT NULL,
    user_id         text  NOT NULL,
    member          bytea NOT NULL,   -- pidgr.v1.AudienceMember
    PRIMARY KEY (organization_id, campaign_id, user_id)
);

-- The template version each SEND_NOTIFICATION step renders, as CampaignStarted pinned it.
CREATE TABLE campaign_template_pins (
    organization_id  text NOT NULL,
    campaign_id      text NOT NULL,
    step_id          text NOT NULL,
    template_id      text NOT NULL,
    template_version int  NOT NULL,
    PRIMARY KEY (organization_id, campaign_id, step_id)
);

-- No projected table holds the events these need: the campaign projector reads its topic again
-- from the start. Campaign rows it already has stay as they are (an event applies only if its
-- version is newer); the three tables above fill from every event.
DELETE FROM projection_offsets WHERE projection = 'campaigns';
