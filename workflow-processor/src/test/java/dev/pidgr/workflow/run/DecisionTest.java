package dev.pidgr.workflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.RunSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTest {

    private final Run before = new Run("c1", RunSpec.getDefaultInstance(), Cursor.newBuilder().setVersion(1).build());
    private final Run after = before.with(Cursor.newBuilder().setVersion(2).setWakeUpAt(9).build());

    @Test
    void shouldKeepBothDecisionsEffectsInOrderAndTheLatersRun() {
        Decision first = new Decision(before, List.of(new Effect.DropPage("hook", 1)));
        Decision second = new Decision(after, List.of(new Effect.StopCalls()));

        Decision both = first.then(second);

        assertThat(both.effects()).containsExactly(new Effect.DropPage("hook", 1), new Effect.StopCalls());
        assertThat(both.run()).isEqualTo(after);
    }

    @Test
    void shouldTakeTheLatersRunWhenOnlyTheFirstHasEffects() {
        Decision first = new Decision(before, List.of(new Effect.StopCalls()));

        Decision both = first.then(Decision.of(after));

        assertThat(both.effects()).isSameAs(first.effects());
        assertThat(both.run()).isEqualTo(after);
    }

    @Test
    void shouldBeTheLaterWhenTheFirstHasNoEffects() {
        Decision next = new Decision(after, List.of(new Effect.StopCalls()));

        assertThat(Decision.of(before).then(next)).isSameAs(next);
    }
}
