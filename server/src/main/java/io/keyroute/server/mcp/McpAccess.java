package io.keyroute.server.mcp;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.McpAccessRule;
import java.util.List;

/**
 * The config's {@code mcp.access}, compiled: which {@code <server>__<name>} a caller may list and call. Deny wins
 * in any applicable rule; with an allow list in any applicable rule, only what one of them allows; with no rule
 * applicable, everything. The same answer on list and on call: a tool a caller cannot call is not listed either.
 */
final class McpAccess {
    static final McpAccess OPEN = new McpAccess(List.of());

    private final List<Rule> rules;

    private McpAccess(List<Rule> rules) {
        this.rules = rules;
    }

    static McpAccess of(List<McpAccessRule> settings) {
        return settings.isEmpty() ? OPEN : new McpAccess(settings.stream().map(Rule::new).toList());
    }

    /** What {@code caller} may use: the rules that apply to it, resolved once per request. */
    Grant grantFor(Caller caller) {
        List<Rule> applicable = rules.stream().filter(rule -> rule.appliesTo(caller)).toList();
        return name -> allows(applicable, name);
    }

    private static boolean allows(List<Rule> applicable, String prefixedName) {
        boolean restricted = false;
        boolean allowed = false;
        for (Rule rule : applicable) {
            if (Glob.any(rule.deny, prefixedName)) {
                return false;
            }
            if (rule.allow != null) {
                restricted = true;
                allowed |= Glob.any(rule.allow, prefixedName);
            }
        }
        return !restricted || allowed;
    }

    /** One caller's grant: whether a prefixed name is usable. */
    @FunctionalInterface
    interface Grant {
        Grant ALL = name -> true;

        boolean allows(String prefixedName);
    }

    private static final class Rule {
        private final List<Glob> workspaces;
        private final List<Glob> roles;
        private final List<Glob> keys;
        private final List<Glob> allow;
        private final List<Glob> deny;

        Rule(McpAccessRule rule) {
            this.workspaces = Glob.all(rule.appliesTo().workspaces());
            this.roles = Glob.all(rule.appliesTo().roles());
            this.keys = Glob.all(rule.appliesTo().keys());
            this.allow = rule.allow() == null ? null : Glob.all(rule.allow());
            this.deny = Glob.all(rule.deny());
        }

        boolean appliesTo(Caller caller) {
            return Glob.anyOrEmpty(workspaces, caller.workspaceId()) && Glob.anyOrEmpty(roles, caller.role())
                    && Glob.anyOrEmpty(keys, caller.keyId());
        }
    }
}
