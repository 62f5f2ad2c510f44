-- DeviceService: each recipient's devices and email address, projected from pidgr.device.events
-- (docs/events.md, "Devices"). The aggregate is (organization, user); user_contacts has a row for
-- every recipient with an event and holds the aggregate version read-your-writes waits on. Push
-- tokens are not projected: no read returns them (the channel gateway keeps its own copy).
CREATE TABLE user_contacts (
    organization_id text        NOT NULL,
    user_id         text        NOT NULL,
    email           text        NOT NULL DEFAULT '',   -- '' when none
    version         bigint      NOT NULL,               -- the last DeviceEvent applied
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);

CREATE TABLE devices (
    organization_id    text        NOT NULL,
    user_id            text        NOT NULL,
    device_id          text        NOT NULL,
    platform           smallint    NOT NULL,            -- pidgr.v1.Platform
    active             boolean     NOT NULL,
    created_at         timestamptz NOT NULL,
    last_seen          timestamptz NOT NULL,
    registered_version bigint      NOT NULL,            -- the version of its DeviceRegistered: list order
    PRIMARY KEY (organization_id, user_id, device_id)
);
