package dev.pidgr.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.CreateCampaignRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignsTest {

    @Test
    void shouldNumberRecipientsSoThatTheirIndexCanBeReadBack() {
        assertThat(Campaigns.userId(42)).isEqualTo("user-0000042");
        assertThat(Campaigns.userIndex(Campaigns.userId(999_999))).isEqualTo(999_999);
    }

    @Test
    void shouldNotReadAnIndexFromAnotherUserId() {
        assertThat(Campaigns.userIndex("alice")).isEqualTo(-1);
        assertThat(Campaigns.userIndex("user-x")).isEqualTo(-1);
    }

    @Test
    void shouldSplitAnAudienceIntoCampaignsOfAtMostTheLimit() {
        List<int[]> parts = Campaigns.split(250_001, 100_000);

        assertThat(parts).extracting(p -> p[0] + ".." + p[1])
                .containsExactly("0..100000", "100000..200000", "200000..250001");
    }

    @Test
    void shouldGiveEachMemberOfACampaignTheTemplatesVariable() {
        CreateCampaignRequest request = Campaigns.campaign("c", "3c1f6c0e-0000-4000-8000-000000000001", 5, 8);

        assertThat(request.getAudienceList()).extracting(m -> m.getUserId() + "=" + m.getVariablesMap().get("name"))
                .containsExactly("user-0000005=Person 5", "user-0000006=Person 6", "user-0000007=Person 7");
    }
}
