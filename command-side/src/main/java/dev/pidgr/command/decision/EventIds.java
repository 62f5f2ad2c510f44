package dev.pidgr.command.decision;

import dev.pidgr.contract.Ids;

/**
 * Event ids are derived from the command that caused them, so deciding the same command twice
 * (a replay after a crash, a rebuild) gives byte-identical events.
 */
public final class EventIds {

    private EventIds() {
    }

    /** {@code uuid5(Ids.NAMESPACE, "event:" + commandId + "/" + index)}, index counting from 0 within the command. */
    public static String of(String commandId, int index) {
        return Ids.uuid5("event:" + commandId + "/" + index);
    }
}
