package dev.pidgr.gateway.email;

import dev.pidgr.events.v1.Channel;
import dev.pidgr.gateway.channel.Attempt;
import dev.pidgr.gateway.channel.ChannelSender;
import dev.pidgr.gateway.channel.Outgoing;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * The email channel: hands each message to its organization's SMTP relay (Jakarta Mail, Angus Mail) on a pool of
 * {@link EmailSettings#concurrency()} threads, which is the channel's concurrency limit. A 4xx answer or a relay
 * that cannot be reached is transient; a 5xx answer, a refused login or an unusable address is final.
 */
public final class EmailSender implements ChannelSender, AutoCloseable {

    private final EmailSettings settings;
    private final ExecutorService threads;
    private final ConcurrentHashMap<SmtpServer, Session> sessions = new ConcurrentHashMap<>();

    public EmailSender(EmailSettings settings) {
        this.settings = settings;
        this.threads = Executors.newFixedThreadPool(settings.concurrency(),
                Thread.ofPlatform().daemon().name("pidgr-gateway-smtp-", 0).factory());
    }

    @Override
    public Channel channel() {
        return Channel.CHANNEL_EMAIL;
    }

    @Override
    public CompletionStage<Attempt> send(Outgoing message) {
        return CompletableFuture.supplyAsync(() -> deliver(message), threads);
    }

    private Attempt deliver(Outgoing message) {
        Optional<SmtpServer> server = settings.serverOf(message.organizationId());
        if (server.isEmpty()) {
            return new Attempt.Failed("no SMTP server is configured for the organization");
        }
        try {
            Transport.send(EmailMessages.build(session(server.get()), server.get(), message),
                    server.get().username().isEmpty() ? null : server.get().username(),
                    server.get().username().isEmpty() ? null : server.get().password());
            return new Attempt.Accepted(EmailMessages.messageId(message.pushId()));
        } catch (MessagingException e) {
            return classify(e);
        }
    }

    /** What an SMTP failure means for a retry; reasons carry the relay's answer, never the password. */
    static Attempt classify(MessagingException e) {
        if (e instanceof AddressException) {
            return new Attempt.Failed("invalid address: " + e.getMessage());
        }
        if (e instanceof AuthenticationFailedException) {
            return new Attempt.Failed("SMTP login refused");
        }
        int code = e instanceof SMTPSendFailedException sendFailed ? sendFailed.getReturnCode()
                : e.getNextException() instanceof SMTPAddressFailedException addressFailed
                        ? addressFailed.getReturnCode() : -1;
        String reason = "SMTP " + (code > 0 ? code + " " : "") + String.valueOf(e.getMessage()).strip();
        if (code >= 500) {
            return new Attempt.Failed(reason);
        }
        return new Attempt.Transient(reason, Optional.empty());
    }

    private Session session(SmtpServer server) {
        return sessions.computeIfAbsent(server, this::newSession);
    }

    private Session newSession(SmtpServer server) {
        String protocol = server.security().equals("tls") ? "smtps" : "smtp";
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put("mail.transport.protocol.rfc822", protocol);
        props.put("mail." + protocol + ".host", server.host());
        props.put("mail." + protocol + ".port", String.valueOf(server.port()));
        props.put("mail." + protocol + ".auth", String.valueOf(!server.username().isEmpty()));
        props.put("mail." + protocol + ".connectiontimeout", String.valueOf(settings.timeoutMillis()));
        props.put("mail." + protocol + ".timeout", String.valueOf(settings.timeoutMillis()));
        props.put("mail." + protocol + ".writetimeout", String.valueOf(settings.timeoutMillis()));
        if (server.security().equals("starttls")) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (!server.security().equals("none")) {
            props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return Session.getInstance(props);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
