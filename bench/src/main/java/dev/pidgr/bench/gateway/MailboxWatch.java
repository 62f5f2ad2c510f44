package dev.pidgr.bench.gateway;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.List;
import java.util.Properties;

/**
 * Reads dev's GreenMail over IMAP (every address is its own login and password): how many mails each address
 * holds. The gateway phase checks with it that every recipient got exactly one mail.
 */
final class MailboxWatch {

    private final Session session;
    private final int imapPort;

    MailboxWatch(int imapPort) {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "10000");
        this.session = Session.getInstance(props);
        this.imapPort = imapPort;
    }

    /** How many of the addresses hold exactly one mail. */
    long exactlyOne(List<String> addresses) throws MessagingException {
        long one = 0;
        for (String address : addresses) {
            one += count(address) == 1 ? 1 : 0;
        }
        return one;
    }

    private int count(String address) throws MessagingException {
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", imapPort, address, address);
            try (Folder inbox = store.getFolder("INBOX")) {
                if (!inbox.exists()) {
                    return 0;
                }
                inbox.open(Folder.READ_ONLY);
                return inbox.getMessageCount();
            }
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return 0; // GreenMail makes the login with the first mail to the address
        }
    }
}
