package dev.pidgr.faults.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a raw socket, so it can misbehave the ways real ones do. By path:
 * {@code /ok} answers 200; {@code /hang} reads the request and never answers; {@code /reset} reads
 * it and resets the connection (RST); {@code /flaky} answers 500 the first time it sees an
 * Idempotency-Key and 200 after; {@code /redirect} answers 302 to {@code /redirected} on this
 * loopback (private) address; {@code /bad} answers 400. Records every request and connection.
 */
public final class WebhookEndpoint implements AutoCloseable {

    /** One request as received: path, headers (lower-case names), raw body, when. */
    public record Request(String path, Map<String, String> headers, byte[] body, long receivedAtNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();

    public WebhookEndpoint() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread.ofPlatform().daemon().name("webhook-endpoint").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Connections accepted, whatever came over them (a TLS handshake counts too). */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                // Platform threads: a test's own load on virtual threads must not keep the receiver from answering.
                Thread.ofPlatform().daemon().name("webhook-endpoint-request").start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Request request = read(socket.getInputStream());
            if (request == null) {
                return;
            }
            requests.add(request);
            switch (request.path()) {
                case "/hang" -> waitUntilClosed(socket);
                case "/reset" -> {
                    socket.setSoLinger(true, 0);
                    return; // closing now sends RST
                }
                case "/flaky" ->
                    answer(
                            socket,
                            failedOnce.add(request.header("Idempotency-Key")) ? "500 Internal Server Error" : "200 OK",
                            "");
                case "/redirect" -> answer(socket, "302 Found", "Location: " + url("/redirected") + "\r\n");
                case "/bad" -> answer(socket, "400 Bad Request", "");
                default -> answer(socket, "200 OK", "");
            }
        } catch (IOException e) {
            // the client went away: fine
        } finally {
            open.remove(socket);
        }
    }

    private static void waitUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
            // the client gives up first: its timeout closes the connection
        }
    }

    private static void answer(Socket socket, String status, String headers) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One HTTP/1.1 request with a Content-Length body, or null if the connection carried none. */
    private static Request read(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.length() > 64 * 1024) {
                return null;
            }
            head.append((char) b);
        }
        String[] lines = head.toString().split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length < 2) {
            return null;
        }
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Request(requestLine[1], headers, body, System.nanoTime());
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : open) {
                socket.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
