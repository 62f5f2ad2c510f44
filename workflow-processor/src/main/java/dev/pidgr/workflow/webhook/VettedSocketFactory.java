package dev.pidgr.workflow.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Set;
import javax.net.SocketFactory;

/**
 * Sockets that connect only to the addresses vetted for this attempt. OkHttp gets its addresses
 * from our Dns, but parses hosts that look like IP addresses itself; whatever path an address
 * takes, a connection to one that was not vetted fails here, before any byte is sent.
 */
final class VettedSocketFactory extends SocketFactory {

    private final Set<InetAddress> vetted;

    VettedSocketFactory(Set<InetAddress> vetted) {
        this.vetted = Set.copyOf(vetted);
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
                if (!(endpoint instanceof InetSocketAddress target)
                        || target.isUnresolved()
                        || !vetted.contains(target.getAddress())) {
                    throw new ConnectException(
                            "refused: " + endpoint + " is not an address vetted for this webhook call");
                }
                super.connect(endpoint, timeout);
            }
        };
    }

    /** A host name would be looked up here, outside the vetted path: never. */
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw new SocketException("a webhook socket connects to a vetted address, not to a name");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw new SocketException("a webhook socket connects to a vetted address, not to a name");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(InetSocketAddress endpoint) throws IOException {
        Socket socket = createSocket();
        try {
            socket.connect(endpoint);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }
}
