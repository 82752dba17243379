package io.keyroute.server.policy;

import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config's {@code policies:}, compiled: asked in order, the first rule that matches decides.
 * Immutable and thread-safe; made once per config version.
 */
public final class PolicyRules {
    public static final PolicyRules NONE = new PolicyRules(List.of());
    /** A rule's name is a metric label and is quoted in refusals: short, plain characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([a-z_]+)'");

    private final PolicyRule[] rules;

    private PolicyRules(List<PolicyRule> rules) {
        this.rules = rules.toArray(PolicyRule[]::new);
    }

    /**
     * Type-checks and compiles every rule.
     *
     * @throws InvalidPolicies listing every problem, each with the rule's index and name and, for a
     *                         {@code when} that does not compile, the line and column in it
     */
    public static PolicyRules compile(List<PolicySettings> settings) {
        var problems = new ArrayList<InvalidPolicies.Problem>();
        var compiled = new ArrayList<PolicyRule>(settings.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < settings.size(); i++) {
            PolicyRule rule = compile(settings.get(i), "policies[" + i + "]", names, problems);
            if (rule != null) {
                compiled.add(rule);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPolicies(problems);
        }
        return compiled.isEmpty() ? NONE : new PolicyRules(compiled);
    }

    private static PolicyRule compile(PolicySettings rule, String at, Set<String> names,
                                      List<InvalidPolicies.Problem> problems) {
        int before = problems.size();
        if (rule == null) {
            problems.add(new InvalidPolicies.Problem(at, "is empty; a rule has name, when and effect"));
            return null;
        }
        String name = rule.name();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new InvalidPolicies.Problem(at + ".name",
                    "is required: 1 to 64 of A-Z a-z 0-9 . _ : -"));
        } else if (!names.add(name)) {
            problems.add(new InvalidPolicies.Problem(at + ".name", "'" + name + "' names another rule too"));
        }
        String which = name == null ? "" : " (rule '" + name + "')";
        PolicyEffect effect = null;
        try {
            effect = PolicyEffect.parse(rule.effect());
        } catch (IllegalArgumentException e) {
            problems.add(new InvalidPolicies.Problem(at + ".effect", e.getMessage() + which));
        }
        Boolean failsClosed = rule.failsClosed();
        if (failsClosed == null) {
            problems.add(new InvalidPolicies.Problem(at + ".on_error", "must be open or closed" + which));
        }
        var program = program(rule.when(), at + ".when", which, problems);
        return problems.size() == before ? new PolicyRule(name, program, effect, failsClosed) : null;
    }

    private static CelRuntime.Program program(String when, String at, String which,
                                                             List<InvalidPolicies.Problem> problems) {
        if (when == null || when.isBlank()) {
            problems.add(new InvalidPolicies.Problem(at, "is required: a CEL expression that is true or false" + which));
            return null;
        }
        try {
            return PolicyLanguage.compile(when);
        } catch (CelValidationException e) {
            for (CelIssue issue : e.getErrors()) {
                problems.add(new InvalidPolicies.Problem(at, position(issue.getSourceLocation()) + issue.getMessage()
                        + hint(issue.getMessage()) + which));
            }
            return null;
        }
    }

    /**
     * CEL reads {@code target.teir} as an undeclared {@code target}, since only whole names are
     * declared: say which names there are.
     */
    private static String hint(String message) {
        Matcher undeclared = UNDECLARED.matcher(message);
        if (!undeclared.find()) {
            return "";
        }
        String names = PolicyVariable.namesUnder(undeclared.group(1));
        return names.isEmpty() ? "" : "; the names under it are " + names;
    }

    /** CEL counts columns from 0; people (and CEL's own display) from 1. */
    private static String position(CelSourceLocation location) {
        if (location.equals(CelSourceLocation.NONE)) {
            return "";
        }
        return "line " + location.getLine() + ", column " + (location.getColumn() + 1) + ": ";
    }

    public boolean isEmpty() {
        return rules.length == 0;
    }

    /**
     * The first rule that matches a tool call ({@link PolicyFacts#ofToolCall}) or fails closed on it; a {@code route:}
     * rule that matches is passed over (a tool call has no model to route); null when none decides.
     */
    public PolicyMatch firstForToolCall(PolicyFacts facts, PolicyEvents events) {
        for (PolicyRule rule : rules) {
            PolicyMatch match = rule.evaluate(facts, events);
            if (match != null && (match.failed() || !(match.effect() instanceof PolicyEffect.RouteTo))) {
                return match;
            }
        }
        return null;
    }

    /** The first rule that matches {@code facts} or fails closed on them; null when none does. */
    public PolicyMatch first(PolicyFacts facts, PolicyEvents events) {
        for (PolicyRule rule : rules) {
            PolicyMatch match = rule.evaluate(facts, events);
            if (match != null) {
                return match;
            }
        }
        return null;
    }
}
