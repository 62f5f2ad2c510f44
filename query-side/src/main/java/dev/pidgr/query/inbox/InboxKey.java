package dev.pidgr.query.inbox;

/** An inbox: one recipient in one organization. */
public record InboxKey(String organizationId, String userId) {
}
