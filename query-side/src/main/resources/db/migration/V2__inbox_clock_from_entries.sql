-- An inbox's last change time is the latest change time among its entries (every change moves its
-- entry past all others), read through inbox_changes: one write fewer per change than keeping it
-- in a table of its own.
DROP TABLE inboxes;
