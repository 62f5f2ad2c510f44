package dev.pidgr.query;

import dev.pidgr.api.v1.InboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads of recipients' inboxes: a user only ever sees their own deliveries (organization and user in SQL). */
public interface InboxReads {

    /** A page of inbox entries and the {@code next_since} to continue from. */
    record SyncPage(List<InboxEntry> entries, Instant nextSince) {

        public SyncPage {
            entries = List.copyOf(entries);
        }
    }

    /**
     * The user's entries created or changed strictly after {@code since} (null: from the beginning),
     * oldest change first, at most {@code limit}. {@code nextSince} is the change time of the last entry
     * returned, or {@code since} when none (null stays null).
     */
    SyncPage sync(String organizationId, String userId, Instant since, int limit);

    /** One of the user's entries by delivery id, or empty when it is not theirs or does not exist. */
    Optional<InboxEntry> entry(String organizationId, String userId, String deliveryId);
}
