package io.keyroute.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyLimits;
import io.keyroute.server.config.AccessRule;
import io.keyroute.server.config.AccessRule.AccessScope;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** How an access list ({@code a2a.access}, {@code mcp.access}) decides: deny wins, allow lists restrict, scopes pick rules. */
class AccessListTest {
    private static final Caller ENG_MEMBER = caller("key_eng1", "ws_eng", "member");
    private static final Caller ENG_ADMIN = caller("key_eng2", "ws_eng", "admin");
    private static final Caller OPS_MEMBER = caller("key_ops1", "ws_ops", "member");

    private static Caller caller(String key, String workspace, String role) {
        return new Caller(key, "usr_" + key, workspace, null, Set.of(), false, KeyLimits.NONE, role);
    }

    private static AccessRule rule(AccessScope scope, List<String> allow, List<String> deny) {
        return new AccessRule(null, scope, allow, deny);
    }

    @Test
    void noRulesAllowEverything() {
        assertThat(AccessList.of(List.of()).allows(ENG_MEMBER, "planner")).isTrue();
    }

    @Test
    void anAllowListRestrictsOnlyTheCallersItAppliesTo() {
        AccessList list = AccessList.of(List.of(
                rule(new AccessScope(List.of("ws_eng"), null, null), List.of("plan*", "research-?"), null)));

        assertThat(list.allows(ENG_MEMBER, "planner")).isTrue();
        assertThat(list.allows(ENG_MEMBER, "research-1")).isTrue();
        assertThat(list.allows(ENG_MEMBER, "research-12")).isFalse();
        assertThat(list.allows(ENG_MEMBER, "billing")).isFalse();
        assertThat(list.allows(OPS_MEMBER, "billing")).isTrue(); // no rule applies to ws_ops
    }

    @Test
    void allowListsOfSeveralRulesAddUpAndADenyWinsOverAnyAllow() {
        AccessList list = AccessList.of(List.of(
                rule(AccessScope.ALL, List.of("public-*"), null),
                rule(new AccessScope(null, List.of("admin"), null), List.of("*"), null),
                rule(new AccessScope(List.of("*"), null, List.of("key_eng2")), null, List.of("billing"))));

        assertThat(list.allows(ENG_MEMBER, "public-faq")).isTrue();
        assertThat(list.allows(ENG_MEMBER, "planner")).isFalse();
        assertThat(list.allows(ENG_ADMIN, "planner")).isTrue();
        assertThat(list.allows(ENG_ADMIN, "billing")).isFalse();
        assertThat(list.allows(OPS_MEMBER, "public-faq")).isTrue();
    }

    @Test
    void aGrantAnswersAsTheListDoesForItsCaller() {
        AccessList list = AccessList.of(List.of(
                rule(new AccessScope(List.of("ws_e*"), null, null), List.of("docs__*"), List.of("docs__delete_*"))));

        AccessList.Grant eng = list.grantFor(ENG_MEMBER);
        assertThat(eng.allows("docs__search")).isTrue();
        assertThat(eng.allows("docs__delete_page")).isFalse();
        assertThat(eng.allows("jira__search")).isFalse();
        assertThat(list.grantFor(OPS_MEMBER)).isSameAs(AccessList.Grant.ALL);
    }

    @Test
    void globsMatchLiterallyApartFromStarAndQuestionMark() {
        assertThat(Glob.of("a.b*").matches("a.bc")).isTrue();
        assertThat(Glob.of("a.b*").matches("axbc")).isFalse();
        assertThat(Glob.of("docs__(x)").matches("docs__(x)")).isTrue();
        assertThat(Glob.of("*").matches("")).isTrue();
        assertThat(Glob.of("Planner").matches("planner")).isFalse();
    }

    @Property
    void aDenyOfANameRefusesItWhateverElseAllows(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String name) {
        AccessList list = AccessList.of(List.of(rule(AccessScope.ALL, List.of("*", name), null),
                rule(AccessScope.ALL, null, List.of(name))));
        assertThat(list.allows(ENG_MEMBER, name)).isFalse();
        assertThat(list.allows(ENG_MEMBER, name + "_other")).isTrue();
        assertThat(list.grantFor(ENG_MEMBER).allows(name)).isFalse();
    }
}
