package dev.pidgr.command.campaign;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.command.decision.Text;
import dev.pidgr.command.decision.Violation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audience rules of CreateCampaign: at most 100,000 members; user ids of 1 to 200 characters,
 * unique; at most 50 variables per member, names of 1 to 100 characters, values of at most 1,000.
 * The edge checks these too; the decider checks again because commands have more than one producer.
 * At most {@link #MAX_REPORTED} problems are listed, so a broken 100,000-member list cannot make a
 * huge rejection.
 */
final class AudienceRules {

    static final int MAX_MEMBERS = 100_000;
    static final int MAX_REPORTED = 20;

    private AudienceRules() {
    }

    static void check(List<AudienceMember> audience, List<Violation> out) {
        if (audience.size() > MAX_MEMBERS) {
            out.add(new Violation(
                    "audience",
                    "the audience has " + audience.size() + " members; at most " + MAX_MEMBERS + " are allowed"));
            return;
        }
        int limit = out.size() + MAX_REPORTED;
        Map<String, Integer> seen = new HashMap<>(audience.size() * 2);
        for (int i = 0; i < audience.size() && out.size() < limit; i++) {
            AudienceMember m = audience.get(i);
            String path = "audience[" + i + "]";
            if (m.getUserId().isEmpty() || Text.length(m.getUserId()) > 200) {
                out.add(new Violation(path + ".user_id", "user_id must be 1 to 200 characters"));
            } else {
                Integer first = seen.putIfAbsent(m.getUserId(), i);
                if (first != null) {
                    out.add(new Violation(path + ".user_id", "user_id " + Text.quote(m.getUserId())
                            + " appears more than once (first at audience[" + first + "])"));
                }
            }
            variables(m, path, out);
        }
    }

    private static void variables(AudienceMember m, String path, List<Violation> out) {
        if (m.getVariablesCount() > 50) {
            out.add(new Violation(
                    path + ".variables", "a member may have at most 50 variables (got " + m.getVariablesCount() + ")"));
            return;
        }
        for (Map.Entry<String, String> v : m.getVariablesMap().entrySet()) {
            if (v.getKey().isEmpty() || Text.length(v.getKey()) > 100) {
                out.add(new Violation(path + ".variables", "variable names must be 1 to 100 characters"));
            } else if (Text.length(v.getValue()) > 1000) {
                out.add(new Violation(path + ".variables[" + v.getKey() + "]", "variable " + Text.quote(v.getKey())
                        + " is longer than 1000 characters"));
            }
        }
    }
}
