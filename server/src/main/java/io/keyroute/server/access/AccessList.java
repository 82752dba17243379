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
 * So an empty list allows everything, and "only these" is an allow rule for everyone.
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
        boolean restricted = false;
        boolean allowed = false;
        for (Compiled rule : rules) {
            if (!rule.appliesTo(caller)) {
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
        private final AccessScope scope;
        private final List<Glob> allow;
        private final List<Glob> deny;

        Compiled(AccessRule rule) {
            this.scope = rule.appliesTo();
            this.allow = rule.allow().stream().map(Glob::of).toList();
            this.deny = rule.deny().stream().map(Glob::of).toList();
        }

        boolean appliesTo(Caller caller) {
            return matches(scope.workspaces(), caller.workspaceId()) && matches(scope.roles(), caller.role())
                    && matches(scope.keys(), caller.keyId());
        }

        private static boolean matches(List<String> values, String value) {
            return values.isEmpty() || values.contains("*") || (value != null && values.contains(value));
        }
    }
}
