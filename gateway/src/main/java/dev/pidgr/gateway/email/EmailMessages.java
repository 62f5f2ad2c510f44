package dev.pidgr.gateway.email;

import dev.pidgr.gateway.channel.Outgoing;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

/**
 * Builds the email of one push: subject the title, a plain-text body (the rendered body, else the summary) ending
 * with the link, and the Message-ID {@code <push id@pidgr>} so that a copy sent twice after a crash is one message
 * to mail clients and archives.
 */
public final class EmailMessages {

    private EmailMessages() {
    }

    /** The Message-ID of a push: {@code <pushId@pidgr>}. */
    public static String messageId(String pushId) {
        return "<" + pushId + "@pidgr>";
    }

    /** The plain-text body. */
    public static String text(Outgoing message) {
        String body = message.body().isBlank() ? message.summary() : message.body();
        return body.strip() + "\n\nOpen it in pidgr: " + message.deepLink();
    }

    /** The message, ready for {@code Transport.send}. */
    public static MimeMessage build(Session session, SmtpServer server, Outgoing message) throws MessagingException {
        MimeMessage mime = new FixedIdMessage(session, messageId(message.pushId()));
        try {
            mime.setFrom(new InternetAddress(server.from(),
                    message.senderName().isBlank() ? null : message.senderName(), StandardCharsets.UTF_8.name()));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is always supported", e);
        }
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.address(), true));
        mime.setSubject(message.title(), StandardCharsets.UTF_8.name());
        mime.setText(text(message), StandardCharsets.UTF_8.name());
        mime.setHeader("X-Pidgr-Push-Id", message.pushId());
        return mime;
    }

    /** Jakarta Mail gives every message a fresh Message-ID when it is saved; ours is the push's. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
