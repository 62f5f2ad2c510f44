package dev.pidgr.app.dev;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pidgr mail} finds dev's IMAP port in the data folder's dev.json, as client commands find the api. */
class MailCommandTest {

    @TempDir
    Path dir;

    private DevMail mail;

    @BeforeEach
    void start() throws Exception {
        mail = DevMail.start(new DevMail.Ports(0, 0));
        send("ada@example.test", "Travel policy");
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void shouldReadTheMailOnTheImapPortTheDataFoldersDevJsonNames() throws Exception {
        Path data = dataDirWithImap("127.0.0.1:" + mail.ports().imap());

        String out = run("ada@example.test", "--data-dir", data.toString());

        assertThat(out).startsWith("1 message(s) for ada@example.test").contains("Subject:    Travel policy");
    }

    @Test
    void shouldLetImapPortOverrideTheDataFolder() throws Exception {
        Path data = dataDirWithImap("127.0.0.1:1");

        String out = run("ada@example.test", "--data-dir", data.toString(), "--imap-port",
                String.valueOf(mail.ports().imap()));

        assertThat(out).startsWith("1 message(s) for ada@example.test");
    }

    @Test
    void shouldUseTheDefaultPortWithoutADevJsonOrWithOneAnOlderServerWrote() throws Exception {
        MailCommand none = new MailCommand();
        none.dataDir = dir.resolve("empty");
        MailCommand older = new MailCommand();
        older.dataDir = dataDirWithImap(null);

        assertThat(none.imapPort()).isEqualTo(19143);
        assertThat(older.imapPort()).isEqualTo(19143);
    }

    private Path dataDirWithImap(String imap) throws Exception {
        DataDir data = new DataDir(dir.resolve("data"));
        new DevJson("127.0.0.1:9090", "127.0.0.1:9092", "jdbc:unused", "", "", "", "", imap, 1).write(data.devJson());
        return data.root();
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new MailCommand()).setOut(new PrintWriter(out)).execute(args);
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    private void send(String to, String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(mail.ports().smtp()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(DevMail.FROM));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Please read it.");
        Transport.send(message);
    }
}
