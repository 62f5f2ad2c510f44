package dev.pidgr.app.run;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The roles a pidgr process can run; dev mode runs them all in one JVM. */
public enum Role {
    API, COMMAND, WORKFLOW, QUERY, GATEWAY;

    /** Parses "api,command" (any case, any order); "all" means every role. */
    public static Set<Role> parse(String list) {
        if (list == null || list.isBlank() || list.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(Role.class);
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            try {
                roles.add(Role.valueOf(trimmed.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown role \"" + trimmed + "\"; roles are api, command, workflow, query, gateway");
            }
        }
        return roles;
    }
}
