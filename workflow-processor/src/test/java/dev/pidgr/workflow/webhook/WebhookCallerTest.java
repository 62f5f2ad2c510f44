package dev.pidgr.workflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One attempt against a real local HTTP server: Retry-After, and where the socket may go. */
class WebhookCallerTest {

    private static final long NOW = Instant.parse("2026-12-01T09:00:00Z").toEpochMilli();

    private HttpServer server;
    private ResolverPool resolvers;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.stop(0);
        }
        if (resolvers != null) {
            resolvers.close();
        }
    }

    private String answering(int status, String retryAfter) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private WebhookCaller.Attempt attempt(String url) {
        resolvers = new ResolverPool(host -> List.of(InetAddress.getLoopbackAddress()), 2, 1);
        WebhookCaller caller = new WebhookCaller(true, new WebhookHosts(true, resolvers),
                new WebhookSigner("key".getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(5), () -> NOW);
        return caller.call(new WebhookCall("org", "campaign", "hook", 1, 1, "key", new byte[0], url, Map.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "429|7|7000",
            "503|120|120000",
            "429|Tue, 01 Dec 2026 09:00:30 GMT|30000",
            "503|Tue, 01 Dec 2026 08:00:00 GMT|0",
            "429|soon|-1",
            "500|7|-1"})
    void shouldReadRetryAfterOn429And503(int status, String retryAfter, long millis) throws IOException {
        WebhookCaller.Attempt attempt = attempt(answering(status, retryAfter));

        assertThat(attempt.kind()).isEqualTo(WebhookCaller.Kind.RETRYABLE);
        assertThat(attempt.statusCode()).isEqualTo(status);
        assertThat(attempt.retryAfterMillis()).isEqualTo(millis);
    }

    @Test
    void shouldNotConnectASocketToAnAddressThatWasNotVetted() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            VettedSocketFactory factory = new VettedSocketFactory(Set.of(InetAddress.getByName("93.184.216.34")));

            try (Socket socket = factory.createSocket()) {
                assertThatThrownBy(() -> socket.connect(listening.getLocalSocketAddress(), 1000))
                        .isInstanceOf(ConnectException.class)
                        .hasMessageContaining("is not an address vetted for this webhook call");
                assertThat(socket.isConnected()).isFalse();
            }
            assertThatThrownBy(() -> factory.createSocket("localhost", listening.getLocalPort()))
                    .hasMessage("a webhook socket connects to a vetted address, not to a name");
        }
    }

    @Test
    void shouldConnectASocketToAVettedAddress() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new VettedSocketFactory(Set.of(InetAddress.getLoopbackAddress())).createSocket()) {
            socket.connect(listening.getLocalSocketAddress(), 1000);

            assertThat(socket.isConnected()).isTrue();
        }
    }
}
