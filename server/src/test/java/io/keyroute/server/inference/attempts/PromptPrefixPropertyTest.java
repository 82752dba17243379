package io.keyroute.server.inference.attempts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import java.util.Set;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * The prompt-prefix key: requests that begin with the same prompt share it, whatever follows and
 * whatever else the body says; a change anywhere inside the prefix makes another; the caller's
 * workspace (their key without one) is always part of it, so no two workspaces ever share one.
 */
class PromptPrefixPropertyTest {
    private static final int LONG = PromptPrefix.CHARS;

    /** An Anthropic Messages body: {@code system}, then one user turn. */
    private static ObjectNode messages(String system, String question) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", "claude-sonnet-4-5").put("max_tokens", 512);
        body.put("system", system);
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        return body;
    }

    private static Caller inWorkspace(String workspace, String user) {
        return new Caller("key_" + user, user, workspace, null, Set.of(), false);
    }

    private static SessionKey key(Caller caller, ObjectNode body) {
        return SessionKey.ofPrefix(caller, body, "sonnet").orElseThrow();
    }

    @Property(tries = 200)
    void requestsBeginningAlikeShareTheKeyWhateverFollowsOrSurrounds(
            @ForAll @StringLength(min = LONG, max = 2 * LONG) String system,
            @ForAll String question, @ForAll String otherQuestion, @ForAll @IntRange(max = 2) int temperature) {
        Caller ada = inWorkspace("ws_1", "usr_ada");
        ObjectNode later = messages(system, otherQuestion).put("temperature", temperature).put("stream", true);
        later.withArray("messages").addObject().put("role", "assistant").put("content", "an answer");

        assertThat(key(ada, later)).isEqualTo(key(ada, messages(system, question)));
        assertThat(key(inWorkspace("ws_1", "usr_bob"), later)).as("anyone of the workspace")
                .isEqualTo(key(ada, messages(system, question)));
    }

    @Property(tries = 300)
    void anyChangeInsideThePrefixMakesAnotherKey(
            @ForAll @StringLength(min = LONG, max = 2 * LONG) String system,
            @ForAll @IntRange(max = LONG / 2 - 8) int at, @ForAll char replacement, @ForAll String question) {
        // the system text starts 10 characters in ("system":"), each of its characters written in at most two
        Assume.that(system.charAt(at) != replacement);
        String changed = system.substring(0, at) + replacement + system.substring(at + 1);
        Caller ada = inWorkspace("ws_1", "usr_ada");

        assertThat(key(ada, messages(changed, question))).isNotEqualTo(key(ada, messages(system, question)));
        ObjectNode withTools = messages(system, question);
        withTools.putArray("tools").addObject().put("name", "lookup_order");
        assertThat(key(ada, withTools)).as("tools come first in a provider's cache, and in the key")
                .isNotEqualTo(key(ada, messages(system, question)));
    }

    @Property(tries = 200)
    void theWorkspaceIsAlwaysPartOfTheKey(
            @ForAll @StringLength(min = LONG, max = LONG + 100) String system,
            @ForAll @AlphaChars @StringLength(min = 1, max = 12) String one,
            @ForAll @AlphaChars @StringLength(min = 1, max = 12) String other) {
        Assume.that(!one.equals(other));
        ObjectNode body = messages(system, "hello");
        SessionKey first = key(inWorkspace(one, "usr_1"), body);
        SessionKey second = key(inWorkspace(other, "usr_1"), body);

        assertThat(first).isNotEqualTo(second);
        assertThat(first.promptCacheKey()).isNotEqualTo(second.promptCacheKey());
        assertThat(first.caller()).isEqualTo("workspace:" + one);
        SessionKey keyOnly = key(new Caller("key_" + one, null, null, null, Set.of(), false), body);
        assertThat(keyOnly.caller()).as("no workspace: the key's own").isEqualTo("key:key_" + one);
        assertThat(keyOnly).isNotEqualTo(first);
    }

    @Property(tries = 100)
    void aPromptTooShortToBeCachedHasNoKey(@ForAll @AlphaChars @StringLength(max = LONG - 100) String system) {
        assertThat(SessionKey.ofPrefix(inWorkspace("ws_1", "usr_ada"), messages(system, "hi"), "sonnet")).isEmpty();
    }
}
