package dev.pidgr.workflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.ActionSubmitted;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.events.v1.Read;
import dev.pidgr.events.v1.Received;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.FanOut;
import dev.pidgr.workflow.state.Nudge;
import dev.pidgr.workflow.state.NudgePhase;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Properties of a nudge's selection over its whole input space (statuses x unread_only x user_ids x a delivery's
 * status and read flag), and its exactness: whatever happens to a delivery after the nudge was taken in, before its
 * reminding passed it, the nudge still sees the delivery as it was then.
 */
class NudgeSelectionPropertiesTest {

    private static final List<String> USERS = List.of("ada", "bob", "cy", "dee");
    private static final List<DeliveryStatus> STATUSES = List.of(DeliveryStatus.DELIVERY_STATUS_SENT,
            DeliveryStatus.DELIVERY_STATUS_DELIVERED, DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED,
            DeliveryStatus.DELIVERY_STATUS_MISSED);

    /** What happens to a delivery: an interaction, or missed marking. */
    enum Change { RECEIVED, READ, ACKNOWLEDGED, MISSED }

    @Provide
    Arbitrary<Set<DeliveryStatus>> selectable() {
        return Arbitraries.of(DeliveryStatus.DELIVERY_STATUS_SENT, DeliveryStatus.DELIVERY_STATUS_DELIVERED).set()
                .ofMinSize(1);
    }

    @Provide
    Arbitrary<Set<String>> users() {
        return Arbitraries.of(USERS).set();
    }

    @Provide
    Arbitrary<DeliveryStatus> status() {
        return Arbitraries.of(STATUSES);
    }

    @Property(tries = 500)
    void selectsADeliveryExactlyWhenItsStatusReadFlagAndUserMatch(
            @ForAll("selectable") Set<DeliveryStatus> statuses, @ForAll boolean unreadOnly,
            @ForAll("users") Set<String> users, @ForAll("status") DeliveryStatus status, @ForAll boolean read,
            @ForAll("userOf") String user) {
        Nudge nudge = nudge(statuses, unreadOnly, users);
        DeliveryState state = DeliveryState.newBuilder().setStatus(status).setReadAt(read ? 1 : 0).build();

        boolean selected = new NudgeSelection(nudge).selected(user, state);

        boolean statusMatches = statuses.contains(status);
        boolean readMatches = !unreadOnly || !read;
        boolean userMatches = users.isEmpty() || users.contains(user);
        assertThat(selected).isEqualTo(statusMatches && readMatches && userMatches);
    }

    @Property(tries = 1000)
    void keepsTheSelectionOfTheMomentTheNudgeWasTakenIn(
            @ForAll("selectable") Set<DeliveryStatus> statuses, @ForAll boolean unreadOnly,
            @ForAll("users") Set<String> users, @ForAll("status") DeliveryStatus status, @ForAll boolean read,
            @ForAll("userOf") String user, @ForAll @Size(max = 6) List<Change> changes) {
        Nudge nudge = nudge(statuses, unreadOnly, users);
        DeliveryState then = DeliveryState.newBuilder().setStatus(status).setReadAt(read ? 1 : 0).build();
        boolean selectedThen = new NudgeSelection(nudge).selected(user, then);

        DeliveryState now = then;
        for (Change change : changes) {
            DeliveryState next = change(now, change);
            now = NudgeSelection.keepView(nudge, user, now, next);
        }

        assertThat(new NudgeSelection(nudge).selected(user, now)).isEqualTo(selectedThen);
    }

    @Property(tries = 300)
    void selectsNoMemberTheFanOutHadNotReached(@ForAll("selectable") Set<DeliveryStatus> statuses,
                                              @ForAll("userOf") String user) {
        Nudge nudge = nudge(statuses, false, Set.of()).toBuilder()
                .setFanOut(FanOut.newBuilder().setStepId("send").setAfterUserId("bob")).build();

        boolean selected = new NudgeSelection(nudge).selected(user, DeliveryState.newBuilder()
                .setStatus(DeliveryStatus.DELIVERY_STATUS_SENT).build());

        assertThat(selected).isEqualTo(statuses.contains(DeliveryStatus.DELIVERY_STATUS_SENT)
                && (user.equals("ada") || user.equals("bob")));
    }

    @Provide
    Arbitrary<String> userOf() {
        return Arbitraries.of(USERS);
    }

    private static Nudge nudge(Set<DeliveryStatus> statuses, boolean unreadOnly, Set<String> users) {
        return Nudge.newBuilder().setNudge(7).addAllStatuses(statuses).setUnreadOnly(unreadOnly)
                .addAllUserIds(users).setPhase(NudgePhase.NUDGE_PHASE_COUNTING)
                .setFanOut(FanOut.newBuilder().setStepId("send").setDone(true)).build();
    }

    /** The delivery after a change, as the interactions' transitions and missed marking make it. */
    private static DeliveryState change(DeliveryState state, Change change) {
        DeliveryInteraction.Builder interaction = DeliveryInteraction.newBuilder();
        switch (change) {
            case RECEIVED -> interaction.setReceived(Received.getDefaultInstance());
            case READ -> interaction.setRead(Read.getDefaultInstance());
            case ACKNOWLEDGED -> interaction.setActionSubmitted(ActionSubmitted.newBuilder().setActionId("ack"));
            case MISSED -> {
                boolean open = state.getStatus() == DeliveryStatus.DELIVERY_STATUS_SENT
                        || state.getStatus() == DeliveryStatus.DELIVERY_STATUS_DELIVERED;
                return open ? state.toBuilder().setStatus(DeliveryStatus.DELIVERY_STATUS_MISSED).build() : state;
            }
        }
        return DeliveryTransitions.apply(state, interaction.build(), 5, false)
                .map(DeliveryTransitions.Change::next).orElse(state);
    }
}
