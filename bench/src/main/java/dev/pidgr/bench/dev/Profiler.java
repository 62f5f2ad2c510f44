package dev.pidgr.bench.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A JFR recording of the dev JVM per phase, through {@code jcmd} of the harness's own JDK (the same
 * one {@code ./pidgr} picks). Off unless {@code --profile}; a failure to attach is reported, never fatal.
 */
public final class Profiler {

    private final long pid;
    private final Path dir;
    private final boolean enabled;

    public Profiler(long pid, Path dir, boolean enabled) {
        this.pid = pid;
        this.dir = dir;
        this.enabled = enabled;
    }

    public void start(String phase) {
        jcmd("JFR.start", "name=" + fileName(phase), "settings=profile");
    }

    public void stop(String phase) {
        jcmd("JFR.stop", "name=" + fileName(phase), "filename=" + dir.resolve(fileName(phase) + ".jfr"));
    }

    /** jcmd splits its arguments on spaces: "COPY baseline" becomes "copy-baseline". */
    static String fileName(String phase) {
        return phase.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private void jcmd(String... arguments) {
        if (!enabled) {
            return;
        }
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(jcmd, Long.toString(pid)));
        command.addAll(java.util.List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                System.out.println("profile: " + String.join(" ", arguments) + " failed: " + out.strip());
            }
        } catch (IOException e) {
            System.out.println("profile: jcmd failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
