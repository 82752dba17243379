package io.keyroute.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.Needs;
import io.keyroute.catalog.Target;
import io.keyroute.guardrails.Verdict;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.complexity.ChatBodyShape;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Rules compiled as the config's loader compiles them and evaluated on the facts a request gives:
 * type errors found at load with the rule and the position in its {@code when}, the first match
 * deciding, and an evaluation error doing what the rule's {@code on_error} says.
 */
class PolicyRulesTest {
    private static final Target SONNET = Target.parse("anthropic/claude-sonnet-4-5");
    private static final Caller MEMBER = new Caller("key_1", "user_1", "ws_1", "team", Set.of(), false,
            KeyLimits.NONE, "member");

    private static PolicyFacts facts(Caller caller, Target target, String body) {
        ObjectNode json;
        try {
            json = (ObjectNode) Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        var needs = new Needs(Set.of(), 1_234, 0, 500);
        var decision = new RouteDecision("auto", "auto", "complexity", null, null, needs,
                List.of(new RouteDecision.Estimate(target, null, 0.01)), List.of(), "why");
        return new PolicyFacts(caller, target, ModelCatalog.builtIn().find(target).orElse(null), decision,
                ChatBodyShape.of(json), Instant.parse("2026-12-07T22:30:00Z"), GuardrailVerdicts.of(List.of(
                        new Verdict("pii", "redact", Map.of("email", 2, "phone", 1), 0.9),
                        new Verdict("injection", "log", Map.of(), 0.4))));
    }

    private static PolicyFacts member() {
        return facts(MEMBER, SONNET, "{\"model\":\"auto\",\"max_tokens\":300,\"stream\":true,"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static PolicySettings rule(String name, String when, String effect) {
        return new PolicySettings(name, when, effect, null);
    }

    private static String decide(PolicyFacts facts, PolicySettings... rules) {
        PolicyMatch match = PolicyRules.compile(List.of(rules)).first(facts, PolicyEvents.NONE);
        return match == null ? "none" : match.rule() + (match.failed() ? " (failed)" : "");
    }

    @Test
    void everyVariableReadsTheRequestAndItsTarget() {
        PolicyFacts facts = member();
        assertThat(decide(facts, rule("all", """
                caller.workspace == 'ws_1' && caller.user == 'user_1' && caller.role == 'member'
                  && caller.key == 'key_1' && caller.plan == 'team'
                  && target.provider == 'anthropic' && target.model == 'anthropic/claude-sonnet-4-5'
                  && target.tier == 'premium' && 'vision' in target.capabilities
                  && target.input_usd_per_mtok == 3.0 && target.output_usd_per_mtok == 15.0
                  && request.model == 'auto' && request.route == 'auto' && request.estimated_prompt_tokens == 1234
                  && request.max_tokens == 300 && request.tools == 1 && request.images == 0 && request.stream
                  && request.hour_utc == 22 && now.getHours('Europe/Paris') == 23
                  && guardrails.pii.action == 'redact' && guardrails.pii.entities.email == 2
                  && guardrails.pii.score > 0.5 && size(guardrails.injection.entities) == 0
                  && !('secrets' in guardrails)
                """, "deny"))).isEqualTo("all");
    }

    @Test
    void whatTheRequestLacksIsItsTypesZeroNotAnError() {
        PolicyFacts operator = facts(Caller.operator(), Target.parse("openai/no-such-model"),
                "{\"model\":\"x\",\"messages\":[]}");
        assertThat(decide(operator, rule("zeros", "caller.workspace == '' && caller.user == '' && caller.role == 'admin'"
                + " && target.tier == '' && size(target.capabilities) == 0 && target.input_usd_per_mtok == 0.0"
                + " && request.max_tokens == 0 && !request.stream", "deny"))).isEqualTo("zeros");
    }

    @Test
    void aToolCallIsSeenAsAToolAndItsArgumentsAsCelValues() {
        Map<String, Object> arguments = new java.util.LinkedHashMap<>();
        arguments.put("path", "/etc/passwd");
        arguments.put("depth", 3);
        arguments.put("force", true);
        arguments.put("ratio", 0.5f);
        arguments.put("owner", null);
        arguments.put("tags", List.of("a", 7));
        arguments.put("options", Map.of("recursive", false));
        PolicyFacts call = PolicyFacts.ofToolCall(MEMBER, "files", "delete_file", arguments,
                Instant.parse("2026-12-07T22:30:00Z"));
        PolicySettings deleting = rule("no-deletes", "call == 'tool' && tool.server == 'files' "
                + "&& tool.name.startsWith('delete_') && tool.arguments.path.startsWith('/etc') "
                + "&& tool.arguments.depth > 2 && tool.arguments.force && tool.arguments.ratio < 1 "
                + "&& tool.arguments.owner == null && 7 in tool.arguments.tags "
                + "&& !tool.arguments.options.recursive && caller.role == 'member'", "deny");

        assertThat(decide(call, deleting)).isEqualTo("no-deletes");
        assertThat(PolicyRules.compile(List.of(deleting)).firstForToolCall(call, PolicyEvents.NONE).refuses()).isTrue();
        // A model request reads the tool names as their zeros; a tool call reads the model's as theirs.
        assertThat(decide(member(), deleting)).isEqualTo("none");
        assertThat(decide(member(), rule("models", "call == 'model' && tool.name == '' && tool.arguments.size() == 0",
                "deny"))).isEqualTo("models");
        assertThat(decide(call, rule("premium", "target.tier == 'premium' || request.max_tokens > 0 "
                + "|| target.model != '' || request.stream", "deny"))).isEqualTo("none");
    }

    @Test
    void aRouteRuleHasNothingToRouteInAToolCallSoTheNextRuleDecides() {
        PolicyFacts call = PolicyFacts.ofToolCall(MEMBER, "files", "read_file", Map.of(), Instant.EPOCH);
        PolicyRules rules = PolicyRules.compile(List.of(rule("cheap", "caller.role == 'member'", "route:openai/gpt-4o-mini"),
                rule("members-read-only", "call == 'tool' && !tool.name.startsWith('read_')", "deny"),
                rule("allow-reads", "call == 'tool'", "allow")));

        PolicyMatch match = rules.firstForToolCall(call, PolicyEvents.NONE);

        assertThat(match.rule()).isEqualTo("allow-reads");
        assertThat(match.refuses()).isFalse();
        assertThat(rules.firstForToolCall(PolicyFacts.ofToolCall(MEMBER, "files", "write_file", Map.of(),
                Instant.EPOCH), PolicyEvents.NONE).rule()).isEqualTo("members-read-only");
    }

    @Test
    void theFirstMatchingRuleDecides() {
        PolicyFacts facts = member();
        assertThat(decide(facts, rule("no", "caller.role == 'admin'", "deny"),
                rule("first", "target.tier == 'premium'", "route:cheap"),
                rule("second", "caller.role == 'member'", "deny"))).isEqualTo("first");
        assertThat(decide(facts, rule("no", "caller.role == 'admin'", "deny"))).isEqualTo("none");
    }

    @Test
    void numbersCompareAcrossIntAndDouble() {
        assertThat(decide(member(), rule("price", "target.input_usd_per_mtok > 1 && request.max_tokens < 300.5", "deny")))
                .isEqualTo("price");
    }

    @Test
    void aRuleThatCannotBeEvaluatedFailsClosedByDefaultWhenItDenies() {
        PolicyFacts facts = member();
        var zero = rule("zero", "1 / (request.tools - 1) > 0", "deny");
        var missing = rule("missing", "guardrails.secrets.action == 'block'", "deny");
        assertThat(decide(facts, zero, rule("next", "true", "allow"))).isEqualTo("zero (failed)");
        assertThat(decide(facts, missing, rule("next", "true", "allow"))).isEqualTo("missing (failed)");
    }

    @Test
    void aRuleThatCannotBeEvaluatedFailsOpenByDefaultWhenItAllowsOrRoutes() {
        PolicyFacts facts = member();
        assertThat(decide(facts, rule("allowing", "1 / (request.tools - 1) > 0", "allow"),
                rule("next", "true", "deny"))).isEqualTo("next");
        assertThat(decide(facts, rule("routing", "1 / (request.tools - 1) > 0", "route:cheap"))).isEqualTo("none");
    }

    @Test
    void onErrorOverridesTheDefault() {
        PolicyFacts facts = member();
        assertThat(decide(facts, new PolicySettings("open-deny", "1 / (request.tools - 1) > 0", "deny", "open"),
                rule("next", "true", "allow"))).isEqualTo("next");
        assertThat(decide(facts, new PolicySettings("closed-allow", "1 / (request.tools - 1) > 0", "allow", "closed")))
                .isEqualTo("closed-allow (failed)");
    }

    @Test
    void anEvaluationErrorIsCountedForItsRule() {
        List<String> failed = new ArrayList<>();
        PolicyEvents events = new PolicyEvents() {
            @Override
            public void failed(String rule) {
                failed.add(rule);
            }
        };
        PolicyRules.compile(List.of(rule("regex", "caller.workspace.matches('[')", "deny"))).first(member(), events);
        assertThat(failed).containsExactly("regex");
    }

    @Test
    void aRuleThatDoesNotTypeCheckIsRefusedWithItsNameAndPosition() {
        assertThatThrownBy(() -> PolicyRules.compile(List.of(rule("ok", "true", "allow"),
                rule("typo", "caller.role == 'member' &&\n  target.teir == 'premium'", "deny"),
                rule("types", "request.max_tokens == 'many'", "deny"),
                rule("not-bool", "caller.role", "deny"),
                rule("syntax", "caller.role == ", "deny"))))
                .isInstanceOfSatisfying(InvalidPolicies.class, e -> assertThat(e.problems()).extracting(
                        p -> p.path() + ": " + p.message()).satisfiesExactly(
                        p -> assertThat(p).startsWith("policies[1].when: line 2, column 3: undeclared reference to"
                                + " 'target'").contains("; the names under it are target.{provider, model, tier, "
                                + "capabilities, input_usd_per_mtok, output_usd_per_mtok}").endsWith("(rule 'typo')"),
                        p -> assertThat(p).startsWith("policies[2].when: line 1, column 20: ")
                                .contains("no matching overload for '_==_' applied to '(int, string)'"),
                        p -> assertThat(p).startsWith("policies[3].when: line 1, column 7: ")
                                .contains("expected type 'bool' but found 'string'"),
                        p -> assertThat(p).startsWith("policies[4].when: line 1, column 16: mismatched input '<EOF>'")
                                .endsWith("(rule 'syntax')")));
    }

    @Test
    void namesEffectsAndOnErrorAreChecked() {
        assertThatThrownBy(() -> PolicyRules.compile(List.of(rule("same", "true", "deny"), rule("same", "true", "deny"),
                rule("bad effect", "true", "block"), new PolicySettings("x", null, "route:", "maybe"))))
                .isInstanceOfSatisfying(InvalidPolicies.class, e -> assertThat(e.problems()).extracting(
                        p -> p.path() + ": " + p.message()).containsExactly(
                        "policies[1].name: 'same' names another rule too",
                        "policies[2].name: is required: 1 to 64 of A-Z a-z 0-9 . _ : -",
                        "policies[2].effect: must be deny, allow or route:<route, alias or provider/model>"
                                + " (rule 'bad effect')",
                        "policies[3].effect: must be deny, allow or route:<route, alias or provider/model> (rule 'x')",
                        "policies[3].on_error: must be open or closed (rule 'x')",
                        "policies[3].when: is required: a CEL expression that is true or false (rule 'x')"));
    }

    /**
     * Whatever the rules, the one that decides is the first in the list that matches: rules that
     * match are reordered freely among ones that do not, and the answer follows the list's order.
     */
    @Property(tries = 200)
    void theFirstMatchingRuleInTheListDecides(@ForAll @Size(min = 1, max = 8) List<Boolean> matches,
                                              @ForAll @IntRange(min = 0, max = 2) int effect) {
        var rules = new ArrayList<PolicySettings>();
        for (int i = 0; i < matches.size(); i++) {
            String when = matches.get(i) ? "request.max_tokens == 300" : "request.max_tokens == 301";
            rules.add(rule("r" + i, when, List.of("deny", "allow", "route:cheap").get(effect)));
        }
        int first = matches.indexOf(true);
        PolicyMatch match = PolicyRules.compile(rules).first(member(), PolicyEvents.NONE);
        assertThat(match == null ? -1 : Integer.parseInt(match.rule().substring(1))).isEqualTo(first);
    }
}
