package dev.pidgr.app.dev;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.pidgr.gateway.GatewaySettings;
import dev.pidgr.gateway.email.EmailSettings;
import dev.pidgr.gateway.email.SmtpServer;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pidgr dev}'s mail server: GreenMail in-process, SMTP for the gateway to send to and IMAP to read what it
 * sent. Every recipient address gets a mailbox on first mail; its login and password are the address itself.
 */
final class DevMail implements AutoCloseable {

    /** The sender address of dev mode's email. */
    static final String FROM = "campaigns@pidgr.localhost";

    record Ports(int smtp, int imap) {}

    private final GreenMail server;
    private final Ports ports;

    private DevMail(GreenMail server, Ports ports) {
        this.server = server;
        this.ports = ports;
    }

    /** Starts SMTP and IMAP on 127.0.0.1; a port of 0 picks a free one ({@link #ports()} says which). */
    static DevMail start(Ports ports) {
        GreenMail server = new GreenMail(new ServerSetup[] {
            setup(ports.smtp(), ServerSetup.PROTOCOL_SMTP), setup(ports.imap(), ServerSetup.PROTOCOL_IMAP)});
        server.start();
        return new DevMail(server, new Ports(server.getSmtp().getPort(), server.getImap().getPort()));
    }

    private static ServerSetup setup(int port, String protocol) {
        return new ServerSetup(port, "127.0.0.1", protocol);
    }

    /** The ports it listens on. */
    Ports ports() {
        return ports;
    }

    /** The gateway's settings: every organization's email through this server. */
    GatewaySettings gatewaySettings() {
        SmtpServer smtp = new SmtpServer("127.0.0.1", ports.smtp(), "none", "", "", FROM);
        return GatewaySettings.defaults().withEmail(new EmailSettings(Optional.of(smtp), Map.of(), 4, 10_000));
    }

    @Override
    public void close() {
        server.stop();
    }
}
