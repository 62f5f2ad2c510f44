package dev.pidgr.faults.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code pidgr serve --roles ...} process of a {@link Deployment}, started the way a deployment
 * starts it (flags for ports and state, PIDGR_* variables for the rest). It keeps its ports and
 * state folder across restarts, as a supervisor restarting it in place would; each start appends to
 * its log under {@code target/fault-logs}.
 */
public final class Serve {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String roles;
    private final Map<String, String> environment;
    private final Path stateDir;
    private final Path log;
    private final int grpcPort = freePort();
    private final int metricsPort = freePort();
    private Child child;

    Serve(String name, String roles, Map<String, String> environment, Path stateDir, Path log) {
        this.name = name;
        this.roles = roles;
        this.environment = environment;
        this.stateDir = stateDir;
        this.log = log;
    }

    /** Starts the process (again, after a kill: same ports, same state folder). */
    public synchronized Serve start() {
        if (child != null && child.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        child = Child.start(name, "dev.pidgr.app.Main", List.of("serve", "--roles", roles, "--host", "127.0.0.1",
                "--grpc-port", Integer.toString(grpcPort), "--metrics-port", Integer.toString(metricsPort),
                "--state-dir", stateDir.toString()), environment, log);
        return this;
    }

    /** Waits until GET /ready answers 200 (every role of the process is ready). */
    public Serve awaitReady(Duration timeout) {
        child.await("ready", timeout, this::ready);
        return this;
    }

    /** Whether GET /ready answers 200. */
    public boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL. */
    public void kill() {
        child.kill();
    }

    public void pause() {
        child.pause();
    }

    public void resume() {
        child.resume();
    }

    public boolean isAlive() {
        return child != null && child.isAlive();
    }

    public String name() {
        return name;
    }

    public int grpcPort() {
        return grpcPort;
    }

    public int metricsPort() {
        return metricsPort;
    }

    public Child child() {
        return child;
    }

    /** What the process logged, all its starts together. */
    public String logText() {
        return child.logText();
    }

    /** SIGTERM, as a supervisor stopping it for an upgrade does; SIGKILL if it has not exited after 20 s. */
    public void stop() {
        if (child != null) {
            child.stop(Duration.ofSeconds(20));
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
