-- The fixed schema readers query through: it holds this control row and, once a projection
-- schema is active, one view per projection table pointing into it (see docs/operations.md).
CREATE TABLE projection_control (
    singleton      boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    -- The data schema the views point at and the live projector writes (e.g. pidgr_p1).
    active_schema  text,
    -- +1 at every switch, so a process can tell the active schema changed under it.
    generation     bigint NOT NULL DEFAULT 0,
    -- Set by a replay that has caught up and waits for the live projector to stop writing.
    handover_to    text,
    handover_requested_at timestamptz
);
INSERT INTO projection_control (singleton) VALUES (true);
