package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/** A real local HTTP endpoint that records what it receives and answers as scripted. */
final class WebhookServer implements AutoCloseable {

    /** One request as received. */
    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }
    }

    /** The answer to the n-th request (from 1): a status, and whether it hangs until the server closes. */
    record Answer(int status, boolean hangs, String location) {
        static Answer status(int status) {
            return new Answer(status, false, null);
        }

        /** An endpoint that does not answer while the test runs. */
        static Answer hanging(int status) {
            return new Answer(status, true, null);
        }
    }

    final List<Received> requests = new CopyOnWriteArrayList<>();
    private final Semaphore arrived = new Semaphore(0);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<Integer> unused = new ConcurrentLinkedQueue<>();
    private final HttpServer server;
    private volatile IntFunction<Answer> script;

    WebhookServer(IntFunction<Answer> script) {
        this.script = script;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Answer answer = this.script.apply(requests.size());
            arrived.release();
            if (answer.hangs()) {
                try {
                    closing.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (answer.location() != null) {
                exchange.getResponseHeaders().add("Location", answer.location());
            }
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
        });
        server.start();
        unused.add(0);
    }

    static WebhookServer answering(int status) {
        return new WebhookServer(n -> Answer.status(status));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /**
     * Waits for {@code count} requests to have arrived (failing after {@code atMost}); they are in {@link #requests}.
     */
    void awaitRequests(int count, Duration atMost) throws InterruptedException {
        assertThat(arrived.tryAcquire(count, atMost.toMillis(), TimeUnit.MILLISECONDS)).as("%d requests arrived", count)
                .isTrue();
        arrived.release(count);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
