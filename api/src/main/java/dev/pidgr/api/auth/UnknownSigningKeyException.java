package dev.pidgr.api.auth;

import com.nimbusds.jose.KeySourceException;

/** A token signed with an accepted algorithm but a key the key set does not have: the token is refused. */
final class UnknownSigningKeyException extends KeySourceException {

    UnknownSigningKeyException(String keyId) {
        super("no key " + (keyId == null ? "without a key id" : "with key id " + keyId) + " in the key set");
    }
}
