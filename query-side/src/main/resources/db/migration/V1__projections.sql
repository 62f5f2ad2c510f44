-- Projections of pidgr.campaign.events, pidgr.template.events and pidgr.delivery.events.
-- Every table lives in one data schema (pidgr_p<n>); readers see it through views in the
-- fixed schema. Ids are text: producers decide their shape, and a projector must never stall
-- on an id it cannot cast. Times are timestamptz (microseconds).

-- What each projector has consumed: written in the same transaction as the rows.
CREATE TABLE projection_offsets (
    projection    text   NOT NULL,
    topic         text   NOT NULL,
    partition_no  int    NOT NULL,
    next_offset   bigint NOT NULL,
    -- Kafka timestamp of the last record applied from this partition (for lag in seconds).
    last_event_at timestamptz,
    PRIMARY KEY (projection, topic, partition_no)
);

-- Records a projector could not apply (unreadable, or an event for an unknown aggregate).
CREATE TABLE projection_skipped (
    topic         text   NOT NULL,
    partition_no  int    NOT NULL,
    record_offset bigint NOT NULL,
    reason        text   NOT NULL,
    skipped_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition_no, record_offset)
);

-- One row per campaign, written only by the campaign projector.
CREATE TABLE campaigns (
    id               text     PRIMARY KEY,
    organization_id  text     NOT NULL,
    name             text     NOT NULL,
    template_id      text     NOT NULL,
    template_version int      NOT NULL,
    status           smallint NOT NULL,
    workflow         bytea    NOT NULL,   -- pidgr.v1.WorkflowDefinition
    total_recipients int      NOT NULL,
    sender_name      text     NOT NULL,
    title            text     NOT NULL,
    failure_reason   text     NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    completed_at     timestamptz,
    version          bigint   NOT NULL    -- version of the last campaign event applied
);
CREATE INDEX campaigns_newest ON campaigns (organization_id, created_at, id);

-- A campaign's run as the delivery events tell it, written only by the delivery projector:
-- live counts per delivery status and workflow progress. Kept apart from campaigns so the two
-- projectors never touch the same row and neither depends on the other being ahead.
CREATE TABLE campaign_runs (
    campaign_id     text   PRIMARY KEY,
    organization_id text   NOT NULL,
    version         bigint NOT NULL,      -- version of the last delivery event applied
    pending         int    NOT NULL DEFAULT 0,
    sent            int    NOT NULL DEFAULT 0,
    delivered       int    NOT NULL DEFAULT 0,
    acknowledged    int    NOT NULL DEFAULT 0,
    missed          int    NOT NULL DEFAULT 0,
    no_device       int    NOT NULL DEFAULT 0,
    failed          int    NOT NULL DEFAULT 0,
    read_count      int    NOT NULL DEFAULT 0,
    current_step_id text   NOT NULL DEFAULT '',
    step_entered_at timestamptz,
    next_wake_up_at timestamptz
);

-- One row per delivery; it is also the recipient's inbox entry.
CREATE TABLE deliveries (
    id               text     PRIMARY KEY,
    campaign_id      text     NOT NULL,
    organization_id  text     NOT NULL,
    user_id          text     NOT NULL,
    status           smallint NOT NULL,
    sent_at          timestamptz,
    delivered_at     timestamptz,
    read_at          timestamptz,
    acknowledged_at  timestamptz,
    missed_at        timestamptz,
    reminder_count   int      NOT NULL DEFAULT 0,
    last_reminded_at timestamptz,
    message          bytea    NOT NULL,   -- pidgr.v1.Message, rendered
    -- Unique and strictly increasing within one inbox: Sync pages on it.
    inbox_changed_at timestamptz NOT NULL
);
-- ListDeliveries pages and counts through these (organization first: every read is scoped by it,
-- and counting stays an index-only scan).
CREATE UNIQUE INDEX deliveries_by_user ON deliveries (organization_id, campaign_id, user_id);
CREATE INDEX deliveries_by_status_user ON deliveries (organization_id, campaign_id, status, user_id);
CREATE UNIQUE INDEX inbox_changes ON deliveries (organization_id, user_id, inbox_changed_at);

-- The last change time of each inbox, so the next change can be nudged past it.
CREATE TABLE inboxes (
    organization_id text NOT NULL,
    user_id         text NOT NULL,
    last_changed_at timestamptz NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);

-- The latest version of each template (what ListTemplates pages over).
CREATE TABLE templates (
    id              text     PRIMARY KEY,
    organization_id text     NOT NULL,
    name            text     NOT NULL,
    title           text     NOT NULL,
    type            smallint NOT NULL,
    version         int      NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX templates_newest ON templates (organization_id, created_at, id);
CREATE INDEX templates_newest_by_type ON templates (organization_id, type, created_at, id);

-- Every version of every template (old versions stay readable).
CREATE TABLE template_versions (
    template_id     text     NOT NULL,
    version         int      NOT NULL,
    organization_id text     NOT NULL,
    name            text     NOT NULL,
    body            text     NOT NULL,
    variables       bytea    NOT NULL,   -- a pidgr.v1.Template holding only its variables
    title           text     NOT NULL,
    type            smallint NOT NULL,
    created_at      timestamptz NOT NULL,  -- of version 1
    updated_at      timestamptz NOT NULL,  -- of this version
    PRIMARY KEY (template_id, version)
);
