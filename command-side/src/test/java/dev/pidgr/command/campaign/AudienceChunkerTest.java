package dev.pidgr.command.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.contract.Limits;
import dev.pidgr.events.v1.CampaignAudienceAdded;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudienceChunkerTest {

    @Test
    void shouldCapChunksByMemberCount() {
        List<List<AudienceMember>> chunks = AudienceChunker.chunks(Commands.members(25_001));

        assertThat(chunks).extracting(List::size).containsExactly(10_000, 10_000, 5_001);
    }

    @Test
    void shouldCapChunksBySerializedBytes() {
        List<AudienceMember> heavy = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            AudienceMember.Builder m = AudienceMember.newBuilder().setUserId("user-" + i);
            for (int v = 0; v < 50; v++) {
                m.putVariables("variable_" + v, "x".repeat(1000));
            }
            heavy.add(m.build());
        }

        List<List<AudienceMember>> chunks = AudienceChunker.chunks(heavy);

        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks).allSatisfy(c -> assertThat(
                CampaignAudienceAdded.newBuilder().addAllMembers(c).build().getSerializedSize())
                .isLessThanOrEqualTo(Limits.AUDIENCE_CHUNK_MAX_BYTES));
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(heavy);
    }

    @Test
    void shouldMakeNoChunkForAnEmptyAudience() {
        assertThat(AudienceChunker.chunks(List.of())).isEmpty();
    }
}
