package io.keyroute.server.config;

import java.util.List;

/**
 * One rule of {@code mcp.access}: for the callers it applies to, which {@code <server>__<tool>} names they may use
 * ({@code allow}) and may not ({@code deny}), as globs ({@code *} any run of characters). Deny wins over allow, in
 * any rule; a tool is usable when no applicable rule denies it and, if any applicable rule has an {@code allow}
 * list, one of those lists allows it.
 *
 * @param appliesTo which callers; absent for all
 * @param allow     absent: this rule allows nothing in particular (and restricts nothing); present: only these
 * @param deny      never these
 */
public record McpAccessRule(AppliesTo appliesTo, List<String> allow, List<String> deny) {
    public McpAccessRule {
        appliesTo = appliesTo == null ? AppliesTo.ALL : appliesTo;
        allow = allow == null ? null : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
    }

    /**
     * Which callers a rule is for: each list of globs, absent or empty for any; a caller matches when it matches
     * all three.
     *
     * @param workspaces the caller's workspace id
     * @param roles      the caller's role in its workspace ({@code admin}, {@code member})
     * @param keys       the id of the caller's Keyroute key (never the key itself)
     */
    public record AppliesTo(List<String> workspaces, List<String> roles, List<String> keys) {
        public static final AppliesTo ALL = new AppliesTo(null, null, null);

        public AppliesTo {
            workspaces = workspaces == null ? List.of() : List.copyOf(workspaces);
            roles = roles == null ? List.of() : List.copyOf(roles);
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }
}
