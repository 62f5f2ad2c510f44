package dev.pidgr.gateway.email;

/**
 * One organization's (or the default) SMTP relay.
 *
 * @param security {@code none}, {@code starttls} (required) or {@code tls} (implicit, usually port 465)
 * @param username empty for a relay without login
 * @param password never logged: {@link #toString()} leaves it out
 * @param from the sender address; the push's sender name is its display name
 */
public record SmtpServer(String host, int port, String security, String username, String password, String from) {

    public SmtpServer {
        if (host == null || host.isBlank() || from == null || from.isBlank()) {
            throw new IllegalArgumentException("an SMTP server needs a host and a from address");
        }
        if (!java.util.Set.of("none", "starttls", "tls").contains(security)) {
            throw new IllegalArgumentException("SMTP security must be none, starttls or tls, not " + security);
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "SmtpServer[" + host + ":" + port + " " + security + (username.isEmpty() ? "" : " as " + username)
                + " from " + from + "]";
    }
}
