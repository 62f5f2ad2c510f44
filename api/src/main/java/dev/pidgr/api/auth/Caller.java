package dev.pidgr.api.auth;

import java.util.Set;

/**
 * Who is calling, as a verified token says: the user ({@code sub}), their organization
 * ({@code org_id}; the only source of the organization, never a request body) and what they may do.
 */
public record Caller(String userId, String organizationId, Set<Permission> permissions) {

    public Caller {
        permissions = Set.copyOf(permissions);
    }

    /** Whether any held permission grants {@code required} (MANAGE_X implies VIEW_X). */
    public boolean has(Permission required) {
        for (Permission held : permissions) {
            if (held.grants(required)) {
                return true;
            }
        }
        return false;
    }
}
