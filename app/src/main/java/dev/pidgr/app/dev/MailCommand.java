package dev.pidgr.app.dev;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pidgr mail <address>}: the email that {@code pidgr dev}'s gateway sent to one address, read over IMAP. The
 * port is {@code --imap-port}, else the one the dev server of {@code --data-dir} wrote to its dev.json, else 19143.
 */
@Command(name = "mail", mixinStandardHelpOptions = true,
        description = "Show the email pidgr dev sent to an address (read from its embedded mail server over IMAP).")
public final class MailCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The recipient's email address.")
    String address;

    static final int DEFAULT_IMAP_PORT = 19143;

    @Option(names = "--imap-port",
            description = "pidgr dev's IMAP port (default: the one in --data-dir's dev.json, else 19143).")
    Integer imapPort;

    @Option(names = "--data-dir", defaultValue = ".pidgr", description = "Dev data folder (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws MessagingException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        Store store = Session.getInstance(props).getStore("imap");
        try {
            store.connect("127.0.0.1", imapPort(), address, address);
        } catch (jakarta.mail.AuthenticationFailedException noMailbox) {
            out.println("No email for " + address + " yet.");
            out.flush();
            return 0;
        }
        try (store) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            out.println(messages.length + " message(s) for " + address);
            for (Message message : messages) {
                print(message, out);
            }
            inbox.close(false);
        }
        out.flush();
        return 0;
    }

    /** {@code --imap-port}, else the port in dev.json's {@code imap} (host:port), else {@value #DEFAULT_IMAP_PORT}. */
    int imapPort() throws IOException {
        if (imapPort != null) {
            return imapPort;
        }
        if (!Files.exists(dataDir.resolve("dev.json"))) {
            return DEFAULT_IMAP_PORT;
        }
        String imap = DevJson.read(dataDir).imap();
        if (imap == null || imap.isBlank()) {
            return DEFAULT_IMAP_PORT;
        }
        return Integer.parseInt(imap.substring(imap.lastIndexOf(':') + 1));
    }

    private static void print(Message message, PrintWriter out) throws MessagingException, IOException {
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
