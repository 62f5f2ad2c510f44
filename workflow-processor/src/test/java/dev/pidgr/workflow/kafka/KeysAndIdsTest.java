package dev.pidgr.workflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.workflow.run.FanOuts;
import org.junit.jupiter.api.Test;

/** Store keys; the ids the workflow publishes are pinned in proto's IdsTest (one implementation, Ids). */
class KeysAndIdsTest {

    @Test
    void shouldOrderWakeUpsByDueTimeAndBoundThemByNow() {
        String early = Keys.wakeUp(999, "c-2");
        String late = Keys.wakeUp(1_000, "c-1");

        assertThat(early).isEqualTo("000000000000999/c-2").isLessThan(late);
        assertThat(late.compareTo(Keys.wakeUpsDueBy(1_000))).isNegative();
        assertThat(Keys.wakeUp(1_001, "c-0").compareTo(Keys.wakeUpsDueBy(1_000))).isPositive();
        assertThat(Keys.campaignOfWakeUp(late)).isEqualTo("c-1");
        assertThat(Keys.dueOfWakeUp(late)).isEqualTo(1_000);
    }

    @Test
    void shouldKeepACampaignsMembersInsideItsRange() {
        String member = Keys.member("c-1", "zz");

        assertThat(member.compareTo(Keys.first("c-1"))).isPositive();
        assertThat(member.compareTo(Keys.end("c-1"))).isNegative();
        assertThat(Keys.after("c-1", "a").compareTo(Keys.member("c-1", "a"))).isPositive();
        assertThat(Keys.after("c-1", "a").compareTo(Keys.member("c-1", "a0"))).isNegative();
        assertThat(Keys.userOf("c-1", member)).isEqualTo("zz");
    }

    @Test
    void shouldCompareUserIdsInUtf8ByteOrder() {
        // U+FF5E sorts before U+1F600 in UTF-8 bytes but after it in UTF-16 chars
        assertThat(FanOuts.compareUserIds("\uFF5E", "\uD83D\uDE00")).isNegative();
        assertThat("\uFF5E".compareTo("\uD83D\uDE00")).isPositive();
    }
}
