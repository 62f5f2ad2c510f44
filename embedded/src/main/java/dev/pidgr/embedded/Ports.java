package dev.pidgr.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Loopback ports: a free one for tests, or a check that a fixed one can be bound. */
final class Ports {

    private Ports() {
    }

    /** A port that was free a moment ago (the kernel's pick for port 0 on the loopback address). */
    static int free() {
        return free(1)[0];
    }

    /**
     * {@code count} ports that were free a moment ago, distinct from each other and from {@code taken}.
     * Two separate {@link #free()} picks can be the same port: the kernel may hand out a port again as
     * soon as the first socket closes (a broker once got its controller's port while other builds ran).
     * Here every picked socket stays open until all are picked.
     */
    static int[] free(int count, int... taken) {
        List<ServerSocket> open = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int found = 0;
            while (found < count) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                open.add(socket);
                int port = socket.getLocalPort();
                if (Arrays.stream(taken).noneMatch(t -> t == port)) {
                    ports[found++] = port;
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            for (ServerSocket socket : open) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way
                }
            }
        }
    }

    /** {@code port}, or a free port when it is 0; fails with a message naming the user when it is taken. */
    static int freeOr(int port, String what) {
        if (port == 0) {
            return free();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " for " + what + " is already in use on 127.0.0.1 ("
                    + e.getMessage() + "); stop whatever holds it, or choose another port", e);
        }
    }
}
