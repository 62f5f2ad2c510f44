package dev.pidgr.command.campaign;

import com.google.protobuf.CodedOutputStream;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.contract.Limits;
import dev.pidgr.events.v1.CampaignAudienceAdded;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an audience into CampaignAudienceAdded chunks, each bounded by serialized bytes
 * ({@link Limits#AUDIENCE_CHUNK_MAX_BYTES}) and by member count, so every event stays under the
 * 1 MiB record limit and every chunk is a bounded unit of work downstream. Members keep their order.
 */
public final class AudienceChunker {

    /** At most this many members per chunk, however small they are. */
    public static final int MAX_MEMBERS_PER_CHUNK = 10_000;
    /** Field number of CampaignAudienceAdded.members, for the exact encoded size of each member. */
    private static final int MEMBERS_FIELD = CampaignAudienceAdded.MEMBERS_FIELD_NUMBER;

    private AudienceChunker() {
    }

    public static List<List<AudienceMember>> chunks(List<AudienceMember> audience) {
        return chunks(audience, Limits.AUDIENCE_CHUNK_MAX_BYTES, MAX_MEMBERS_PER_CHUNK);
    }

    static List<List<AudienceMember>> chunks(List<AudienceMember> audience, int maxBytes, int maxMembers) {
        List<List<AudienceMember>> chunks = new ArrayList<>();
        List<AudienceMember> current = new ArrayList<>();
        long bytes = 0;
        for (AudienceMember m : audience) {
            int size = CodedOutputStream.computeMessageSize(MEMBERS_FIELD, m);
            if (!current.isEmpty() && (bytes + size > maxBytes || current.size() >= maxMembers)) {
                chunks.add(List.copyOf(current));
                current.clear();
                bytes = 0;
            }
            current.add(m);
            bytes += size;
        }
        if (!current.isEmpty()) {
            chunks.add(List.copyOf(current));
        }
        return chunks;
    }
}
