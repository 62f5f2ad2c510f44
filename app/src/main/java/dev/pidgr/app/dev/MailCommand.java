package dev.pidgr.app.dev;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pidgr mail <address>}: the email that {@code pidgr dev}'s gateway sent to one address, read over IMAP. */
@Command(name = "mail", mixinStandardHelpOptions = true,
        description = "Show the email pidgr dev sent to an address (read from its embedded mail server over IMAP).")
public final class MailCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The recipient's email address.")
    String address;

    @Option(names = "--imap-port", defaultValue = "19143",
            description = "pidgr dev's IMAP port (default: ${DEFAULT-VALUE}).")
    int imapPort;

    @Override
    public Integer call() throws MessagingException, IOException {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        Store store = Session.getInstance(props).getStore("imap");
        try {
            store.connect("127.0.0.1", imapPort, address, address);
        } catch (jakarta.mail.AuthenticationFailedException noMailbox) {
            System.out.println("No email for " + address + " yet.");
            return 0;
        }
        try (store) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            System.out.println(messages.length + " message(s) for " + address);
            for (Message message : messages) {
                print(message, System.out);
            }
            inbox.close(false);
        }
        return 0;
    }

    private static void print(Message message, PrintStream out) throws MessagingException, IOException {
        out.println();
        out.println("Date:       " + message.getSentDate());
        out.println("From:       " + String.join(", ", java.util.Arrays.stream(message.getFrom())
                .map(Object::toString).toList()));
        out.println("Subject:    " + message.getSubject());
        out.println("Message-ID: " + String.join(" ", message.getHeader("Message-ID")));
        out.println();
        out.println(text(message.getContent()).strip());
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof Multipart parts) {
            return text(parts.getBodyPart(0).getContent());
        }
        return String.valueOf(content);
    }
}
