package dev.pidgr.api.auth;

import java.util.Optional;

/** The permissions a token's {@code permissions} claim may grant. MANAGE_X implies VIEW_X. */
public enum Permission {
    MANAGE_CAMPAIGNS,
    VIEW_CAMPAIGNS,
    MANAGE_TEMPLATES,
    VIEW_TEMPLATES;

    /** Whether holding this permission grants {@code required}. */
    public boolean grants(Permission required) {
        return this == required
                || (this == MANAGE_CAMPAIGNS && required == VIEW_CAMPAIGNS)
                || (this == MANAGE_TEMPLATES && required == VIEW_TEMPLATES);
    }

    /** The permission of a claim value, or empty for a name this server does not know. */
    public static Optional<Permission> fromClaim(String value) {
        for (Permission permission : values()) {
            if (permission.name().equals(value)) {
                return Optional.of(permission);
            }
        }
        return Optional.empty();
    }
}
