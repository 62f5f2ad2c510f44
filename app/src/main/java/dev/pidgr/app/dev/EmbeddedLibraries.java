package dev.pidgr.app.dev;

/**
 * Whether the embedded Kafka broker and PostgreSQL that {@code pidgr dev} runs on are on the class
 * path. The production jar leaves them out (its {@code lib/} is what {@code pidgr serve} needs);
 * {@code ./pidgr dev} adds them from {@code app/target/dev-lib}.
 */
final class EmbeddedLibraries {

    static final String ENTRY_CLASS = "dev.pidgr.embedded.DevInfra";
    static final String MISSING = "pidgr dev: the embedded Kafka broker and PostgreSQL are not on the class path;"
            + " run it as ./pidgr dev, which adds app/target/dev-lib (pidgr serve runs without them)";

    private EmbeddedLibraries() {
    }

    /** Whether {@code loader} finds the embedded infrastructure (without initializing it). */
    static boolean present(ClassLoader loader) {
        try {
            Class.forName(ENTRY_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
