package io.keyroute.server.access;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.AccessRule;
import io.keyroute.server.config.AccessRule.AccessScope;
import java.util.List;

/**
 * An access list ({@code a2a.access}, {@code mcp.access}) compiled once per config: which names (agents,
 * servers, tools) a caller may use. Only the rules that apply to the caller count, in any order:
 * <ul>
 *   <li>a name one of them denies is refused, whatever another allows;</li>
 *   <li>else, when one of them has an allow list, the name must be on one of their allow lists;</li>
 *   <li>else (no rule, or none that applies, or deny rules only) the name is allowed.</li>
 * </ul>
 * So an empty list allows everything, and "only these" is an allow rule for everyone. A rule's {@code applies_to}
 * values are globs too, matched against the caller's workspace id, role and key id.
 */
public final class AccessList {
    public static final AccessList ALLOW_ALL = new AccessList(List.of());

    private final List<Compiled> rules;

    private AccessList(List<Compiled> rules) {
        this.rules = rules;
    }

    public static AccessList of(List<AccessRule> rules) {
        return rules.isEmpty() ? ALLOW_ALL : new AccessList(rules.stream().map(Compiled::new).toList());
    }

    /** Whether {@code caller} may use {@code name}. */
    public boolean allows(Caller caller, String name) {
        return allows(rules, caller, name);
    }

    /**
     * What {@code caller} may use, with the rules that apply to it picked once: for asking of many names in one
     * request (a tool list).
     */
    public Grant grantFor(Caller caller) {
        if (rules.isEmpty()) {
            return Grant.ALL;
        }
        List<Compiled> applying = rules.stream().filter(rule -> rule.appliesTo(caller)).toList();
        return applying.isEmpty() ? Grant.ALL : name -> allows(applying, null, name);
    }

    /** One caller's answer to "may it use this name?". */
    @FunctionalInterface
    public interface Grant {
        Grant ALL = name -> true;

        boolean allows(String name);
    }

    /** @param caller whom the rules must apply to, or null when they are already the applying ones */
    private static boolean allows(List<Compiled> rules, Caller caller, String name) {
        boolean restricted = false;
        boolean allowed = false;
        for (Compiled rule : rules) {
            if (caller != null && !rule.appliesTo(caller)) {
                continue;
            }
            if (anyMatches(rule.deny, name)) {
                return false;
            }
            if (!rule.allow.isEmpty()) {
                restricted = true;
                allowed = allowed || anyMatches(rule.allow, name);
            }
        }
        return !restricted || allowed;
    }

    private static boolean anyMatches(List<Glob> globs, String name) {
        for (Glob glob : globs) {
            if (glob.matches(name)) {
                return true;
            }
        }
        return false;
    }

    private static final class Compiled {
        private final List<Glob> workspaces;
        private final List<Glob> roles;
        private final List<Glob> keys;
        private final List<Glob> allow;
        private final List<Glob> deny;

        Compiled(AccessRule rule) {
            AccessScope scope = rule.appliesTo();
            this.workspaces = globs(scope.workspaces());
            this.roles = globs(scope.roles());
            this.keys = globs(scope.keys());
            this.allow = globs(rule.allow());
            this.deny = globs(rule.deny());
        }

        private static List<Glob> globs(List<String> texts) {
            return texts.stream().map(Glob::of).toList();
        }

        boolean appliesTo(Caller caller) {
            return matches(workspaces, caller.workspaceId()) && matches(roles, caller.role()) && matches(keys, caller.keyId());
        }

        /** Absent or empty: any caller, one without the value (no workspace, no role) included. */
        private static boolean matches(List<Glob> globs, String value) {
            return globs.isEmpty() || anyMatches(globs, value);
        }
    }
}
