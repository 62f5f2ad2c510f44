package dev.pidgr.command.testing;

import dev.pidgr.api.v1.AudienceMember;
import java.util.ArrayList;
import java.util.List;

/** The largest audience the contract allows, built once per test JVM. */
public final class Audiences {

    private static final List<AudienceMember> FULL = build();

    private Audiences() {
    }

    /** 100,000 members with a UUID-long user id and two variables each: about 7 MB serialized. */
    public static List<AudienceMember> full() {
        return FULL;
    }

    private static List<AudienceMember> build() {
        List<AudienceMember> members = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            members.add(AudienceMember.newBuilder().setUserId(String.format("member-%08d-4d5c-9a51-2f3c4b5a6d7e", i))
                    .putVariables("first_name", "Person " + i).putVariables("team", "team-" + (i % 97)).build());
        }
        return List.copyOf(members);
    }
}
