package dev.pidgr.faults.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The JVM's name resolver in every fault-suite JVM (registered as a {@link InetAddressResolverProvider}
 * service, so {@code InetAddress.getAllByName}, the call production code makes, goes through it).
 * Two test domains, everything else as the system resolves it:
 * <ul>
 *   <li>{@code *.fast.pidgr.test}: 127.0.0.1 at once (a webhook host that needs a lookup);</li>
 *   <li>{@code *.slow.pidgr.test}: a name server that takes {@link #SLOW} to answer, and then does not know the
 * name.</li>
 * </ul>
 */
public final class TestDns extends InetAddressResolverProvider {

    /** How long a lookup of a slow name blocks its thread: far longer than a webhook attempt's 5 s. */
    public static final long SLOW_MILLIS = 60_000;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** A host that resolves to 127.0.0.1. */
    public static String fast(String label) {
        return label + ".fast.pidgr.test";
    }

    /** A host whose lookup hangs for a minute. */
    public static String slow(String label) {
        return label + ".slow.pidgr.test";
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver system = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                String name = host.toLowerCase(Locale.ROOT);
                if (name.endsWith(".fast.pidgr.test")) {
                    return Stream.of(LOOPBACK);
                }
                if (name.endsWith(".slow.pidgr.test")) {
                    Sleep.millis(SLOW_MILLIS);
                    throw new UnknownHostException(host + ": the name server took a minute and does not know it");
                }
                return system.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return system.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "pidgr fault-suite test domains";
    }
}
