package dev.pidgr.faults.support;

/** Thread.sleep for tests that poll: an interrupt ends the test rather than being swallowed. */
public final class Sleep {

    private Sleep() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
