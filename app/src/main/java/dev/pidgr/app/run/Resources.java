package dev.pidgr.app.run;

import java.util.Deque;
import org.slf4j.Logger;

/** Closing what was started, newest first; one failure is logged and does not keep the rest open. */
final class Resources {

    private Resources() {
    }

    static void closeAll(Deque<AutoCloseable> started, Logger log) {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
