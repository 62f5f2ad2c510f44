package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A request whose body is still arriving when the longest deadline has passed: before any gRPC
 * service sees it, so Armeria answers; a gRPC client must read DEADLINE_EXCEEDED, not HTTP 408
 * (which it could only report as UNKNOWN), and a Connect client Connect's deadline_exceeded.
 */
class SlowRequestTest {

    @Test
    void shouldAnswerDeadlineExceededToAGrpcRequestWhoseBodyNeverArrivesInFull() throws Exception {
        try (ApiHarness api = new ApiHarness(
                        b -> b.limits(ApiLimits.DEFAULTS.withMaxMutationDeadline(Duration.ofSeconds(1))));
                Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /pidgr.v1.CampaignService/CreateCampaign HTTP/1.1\r\n"
                            + "host: 127.0.0.1\r\n"
                            + "content-type: application/grpc-web+proto\r\n"
                            + "x-grpc-web: 1\r\n"
                            + "authorization: Bearer "
                            + TestTokens.token("u", TestTokens.ORG, Permission.MANAGE_CAMPAIGNS) + "\r\n"
                            + "content-length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 1, (byte) 0x86, (byte) 0x9b, 10, 5
            }); // a frame of 100,000 bytes begins, and no more comes
            out.flush();

            String head = responseHead(socket.getInputStream()).toLowerCase(Locale.ROOT);

            assertThat(head).startsWith("http/1.1 200");
            assertThat(head)
                    .contains("grpc-status: 4", "grpc-message: the request did not arrive in full before its deadline");
        }
    }

    @Test
    void shouldAnswerConnectsDeadlineExceededToAConnectRequestWhoseBodyNeverArrivesInFull() throws Exception {
        try (ApiHarness api = new ApiHarness(
                        b -> b.limits(ApiLimits.DEFAULTS.withMaxMutationDeadline(Duration.ofSeconds(1))));
                Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /pidgr.v1.CampaignService/CreateCampaign HTTP/1.1\r\n"
                            + "host: 127.0.0.1\r\n"
                            + "content-type: application/json\r\n"
                            + "authorization: Bearer "
                            + TestTokens.token("u", TestTokens.ORG, Permission.MANAGE_CAMPAIGNS) + "\r\n"
                            + "content-length: 100000\r\n\r\n{\"name\": ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            InputStream in = socket.getInputStream();
            String head = responseHead(in).toLowerCase(Locale.ROOT);
            String body = new String(in.readNBytes(contentLength(head)), StandardCharsets.UTF_8);

            assertThat(head).startsWith("http/1.1 504");
            assertThat(head).contains("content-type: application/json");
            assertThat(body)
                    .isEqualTo("{\"code\":\"deadline_exceeded\",\"message\":\"the request did not arrive in full before"
                            + " its deadline\"}");
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        throw new AssertionError("no content-length in " + head);
    }

    /** The status line and headers, up to the blank line. */
    private static String responseHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
