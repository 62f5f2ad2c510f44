-- When a SCHEDULED campaign will be started by the system (CampaignScheduled.start_at); null
-- unless the campaign is SCHEDULED. Existing rows were never scheduled.
ALTER TABLE campaigns ADD COLUMN scheduled_start_at timestamptz;
