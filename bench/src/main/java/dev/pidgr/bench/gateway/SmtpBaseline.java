package dev.pidgr.bench.gateway;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The gateway phase's baseline: the SMTP client the gateway uses (Angus Mail, {@code Transport.send}, one
 * connection per message as the gateway does) sending the same rendered messages straight to dev's GreenMail,
 * with as many in flight as the gateway's email limit.
 */
final class SmtpBaseline {

    private SmtpBaseline() {
    }

    /** Sends one message to each address; returns the messages per second. */
    static double run(int smtpPort, String from, List<String> addresses, int concurrency) throws Exception {
        Properties props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        props.put("mail.smtp.auth", "false");
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(props);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> sent = new ArrayList<>(addresses.size());
            for (int i = 0; i < addresses.size(); i++) {
                int index = i;
                sent.add(pool.submit(() -> {
                    Transport.send(message(session, from, addresses.get(index), index));
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        return addresses.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** The bench template rendered for recipient {@code index}, as the gateway's plain-text mail carries it. */
    private static MimeMessage message(Session session, String from, String to, int index) throws MessagingException {
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom(new InternetAddress(from, false));
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(to, false));
        mime.setSubject("Hello Person " + index, StandardCharsets.UTF_8.name());
        mime.setText("Hello Person " + index + ",\n\nthe new travel policy is out: please read it and confirm that you"
                + " did.\n\nIt changes how trips are booked and approved from next month on.\n",
                StandardCharsets.UTF_8.name());
        return mime;
    }
}
