package dev.pidgr.api.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key set of a JWKS URL or file, as {@link JwksTokenVerifier} uses it:
 * <ul>
 * <li>used for {@code ttl} after it was loaded, then loaded again;
 * <li>a key id it lacks makes it load again, at most once per {@code minRefreshInterval} (every
 *     load counts, whatever caused it), so made-up key ids cannot hammer the source; a key id still
 *     unknown is the token's problem ({@link UnknownSigningKeyException});
 * <li>a load that fails leaves the last good set in use until it is {@code maxStaleness} old
 *     (an outage of the identity provider is ridden out); only without any usable set are calls
 *     refused ({@link NoUsableKeysException}), and loads are then retried every 5 s at most.
 * </ul>
 * Each failed load is logged once as a warning; nothing is logged per call.
 */
final class JwksKeys implements JWKSource<SecurityContext> {

    /** Where the key set comes from (a URL or a file); throws when it cannot be read or parsed. */
    @FunctionalInterface
    interface Loader {
        JWKSet load() throws IOException, ParseException;
    }

    /** Loads retried this often at most while no usable key set exists. */
    static final Duration RETRY_WITHOUT_KEYS = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(JwksKeys.class);

    private record Loaded(JWKSet keys, Instant at) {
    }

    private final Loader loader;
    private final String source;
    private final Duration ttl;
    private final Duration minRefreshInterval;
    private final Duration maxStaleness;
    private final Clock clock;
    private volatile Loaded loaded;
    private Instant lastAttempt;
    private Exception lastFailure;

    JwksKeys(
            Loader loader,
            String source,
            Duration ttl,
            Duration minRefreshInterval,
            Duration maxStaleness,
            Clock clock) {
        this.loader = loader;
        this.source = source;
        this.ttl = ttl;
        this.minRefreshInterval = minRefreshInterval;
        this.maxStaleness = maxStaleness;
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Loaded fresh = loaded;
        if (fresh == null || !clock.instant().isBefore(fresh.at().plus(ttl))) {
            fresh = refresh(false);
        }
        List<JWK> found = selector.select(fresh.keys());
        return found.isEmpty() ? selector.select(refresh(true).keys()) : found;
    }

    /** Loads again if allowed (and, unless for an unknown key, needed); returns the set to use. */
    private synchronized Loaded refresh(boolean unknownKey) throws NoUsableKeysException {
        Instant now = clock.instant();
        Loaded current = loaded;
        boolean needed = unknownKey || current == null || !now.isBefore(current.at().plus(ttl));
        if (needed && mayLoad(now, usable(current, now))) {
            load(now, current);
            current = loaded;
        } else if (unknownKey) {
            LOG.debug("unknown key id; the key set was loaded at {} and is not loaded again before {}", current.at(),
                    lastAttempt.plus(minRefreshInterval));
        }
        if (!usable(current, now)) {
            throw new NoUsableKeysException(source, lastFailure);
        }
        return current;
    }

    private boolean mayLoad(Instant now, boolean haveKeys) {
        if (lastAttempt == null) {
            return true;
        }
        Duration interval = haveKeys ? minRefreshInterval : min(RETRY_WITHOUT_KEYS, minRefreshInterval);
        return !now.isBefore(lastAttempt.plus(interval));
    }

    private void load(Instant now, Loaded previous) {
        lastAttempt = now;
        try {
            loaded = new Loaded(loader.load(), now);
            lastFailure = null;
        } catch (IOException | ParseException | RuntimeException e) {
            lastFailure = e;
            if (usable(previous, now)) {
                LOG.warn(
                        "cannot load the token signing keys from {} ({}); still using the key set loaded at {}, until"
                                + " {}",
                        source,
                        e.toString(),
                        previous.at(),
                        previous.at().plus(maxStaleness));
            } else {
                LOG.warn(
                        "cannot load the token signing keys from {} ({}); calls are UNAVAILABLE until they load",
                        source,
                        e.toString());
            }
        }
    }

    private boolean usable(Loaded keys, Instant now) {
        return keys != null && now.isBefore(keys.at().plus(maxStaleness));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** No key set, or only one older than the maximum staleness. */
    static final class NoUsableKeysException extends KeySourceException {
        NoUsableKeysException(String source, Throwable cause) {
            super("no usable signing keys from " + source, cause);
        }
    }
}
