package io.keyroute.server.config;

import java.util.List;

/** Checks an access list's shape ({@code a2a.access}, {@code mcp.access}): every rule says something, no blank value. */
final class AccessRuleCheck {
    /** Longer globs are mistakes, and each is a pattern matched per call. */
    private static final int MAX_GLOB = 200;

    private AccessRuleCheck() {
    }

    /** @param at the list's path, e.g. {@code a2a.access} */
    static void check(String at, List<AccessRule> rules, ConfigValidator.Problems problem) {
        for (int i = 0; i < rules.size(); i++) {
            AccessRule rule = rules.get(i);
            String ruleAt = at + "[" + i + "]";
            if (rule == null) {
                problem.add(ruleAt, "must be a rule with allow or deny");
                continue;
            }
            if (rule.allow().isEmpty() && rule.deny().isEmpty()) {
                problem.add(ruleAt, "must allow or deny something (allow: [...], deny: [...])");
            }
            globs(ruleAt + ".allow", rule.allow(), problem);
            globs(ruleAt + ".deny", rule.deny(), problem);
            values(ruleAt + ".applies_to.workspaces", rule.appliesTo().workspaces(), problem);
            values(ruleAt + ".applies_to.roles", rule.appliesTo().roles(), problem);
            values(ruleAt + ".applies_to.keys", rule.appliesTo().keys(), problem);
        }
    }

    private static void globs(String at, List<String> globs, ConfigValidator.Problems problem) {
        for (int j = 0; j < globs.size(); j++) {
            String glob = globs.get(j);
            if (glob == null || glob.isBlank() || glob.length() > MAX_GLOB) {
                problem.add(at + "[" + j + "]", "must be a name or glob of 1-" + MAX_GLOB + " characters (* any run, ? one)");
            }
        }
    }

    private static void values(String at, List<String> values, ConfigValidator.Problems problem) {
        for (int j = 0; j < values.size(); j++) {
            if (values.get(j) == null || values.get(j).isBlank()) {
                problem.add(at + "[" + j + "]", "must not be blank (\"*\" means any)");
            }
        }
    }
}
