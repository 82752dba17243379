package io.keyroute.server.config;

import java.util.List;

/**
 * One rule of an access list ({@code a2a.access}, {@code mcp.access}): whom it applies to, and the names
 * (agents, servers, tools) it allows and denies, as globs ({@code *} any run of characters, {@code ?} one).
 * How a list of them decides is {@code server.access.AccessList}'s.
 *
 * @param name      what the audit and errors call the rule; optional
 * @param appliesTo the callers it applies to; absent for every caller
 * @param allow     names it allows; empty: it allows nothing by itself (and restricts nothing)
 * @param deny      names it denies, whatever any rule allows
 */
public record AccessRule(String name, AccessScope appliesTo, List<String> allow, List<String> deny) {
    public AccessRule {
        appliesTo = appliesTo == null ? AccessScope.ALL : appliesTo;
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
    }

    /**
     * Which callers a rule applies to: each list globs ({@code "*"} for any), absent or empty for any; a caller
     * matches when it matches all three.
     *
     * @param workspaces workspace ids
     * @param roles      the key's user's role ({@code admin}, {@code member})
     * @param keys       Keyroute key ids ({@code key_…}), never key values
     */
    public record AccessScope(List<String> workspaces, List<String> roles, List<String> keys) {
        public static final AccessScope ALL = new AccessScope(null, null, null);

        public AccessScope {
            workspaces = workspaces == null ? List.of() : List.copyOf(workspaces);
            roles = roles == null ? List.of() : List.copyOf(roles);
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }
}
