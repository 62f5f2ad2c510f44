package dev.pidgr.workflow.run;

import dev.pidgr.workflow.state.FanOut;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Who has a delivery: a member has one once the fan-out passed them (the fan-out goes in user id order, the
 * order of the members' store, and remembers the last user id sent to) or the fan-out is done.
 */
public final class FanOuts {

    private FanOuts() {
    }

    /** Whether the fan-out has sent to {@code userId}. */
    public static boolean sentTo(FanOut fanOut, String userId) {
        if (fanOut.getStepId().isEmpty()) {
            return false;
        }
        return fanOut.getDone()
                || (!fanOut.getAfterUserId().isEmpty() && compareUserIds(userId, fanOut.getAfterUserId()) <= 0);
    }

    /** Compares user ids the way the members' store orders them (UTF-8 bytes, unsigned). */
    public static int compareUserIds(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
