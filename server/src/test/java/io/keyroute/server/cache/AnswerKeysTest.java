package io.keyroute.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import io.keyroute.catalog.Target;
import io.keyroute.routing.RouteDecision;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** What an answer's key covers, and what it leaves out. */
class AnswerKeysTest {
    private static final CacheScope WS = new CacheScope("ws_a", null);

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(CacheScope scope, String target, String body) {
        return AnswerKeys.of(scope, target, WireFormat.OPENAI_CHAT, false, false, json(body));
    }

    private static final String ASK = "{\"model\":\"gpt\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void whoAsksHowItIsCarriedAndFieldOrderDoNotChangeTheKey() {
        String plain = key(WS, "openai/gpt-4o-mini", ASK);
        assertThat(key(WS, "openai/gpt-4o-mini", "{\"messages\":[{\"content\":\"hi\",\"role\":\"user\"}],"
                + "\"temperature\":0.0,\"model\":\"other-alias\",\"user\":\"u-42\",\"metadata\":{\"a\":\"b\"},"
                + "\"stream_options\":{\"include_usage\":true},\"store\":true,\"service_tier\":\"auto\","
                + "\"safety_identifier\":\"x\",\"prompt_cache_key\":\"k\"}")).isEqualTo(plain);
    }

    @Test
    void whatChangesTheAnswerChangesTheKey() {
        String plain = key(WS, "openai/gpt-4o-mini", ASK);
        assertThat(key(WS, "openai/gpt-4o-mini", ASK.replace("hi", "hi!"))).isNotEqualTo(plain);
        assertThat(key(WS, "openai/gpt-4o-mini", ASK.replace("\"temperature\":0", "\"temperature\":0.2"))).isNotEqualTo(plain);
        assertThat(key(WS, "openai/gpt-4o-mini", ASK.replace("}]}", "}],\"tools\":[]}"))).isNotEqualTo(plain);
        assertThat(key(WS, "openai/gpt-4o", ASK)).isNotEqualTo(plain);
        assertThat(key(new CacheScope("ws_b", null), "openai/gpt-4o-mini", ASK)).isNotEqualTo(plain);
        assertThat(key(new CacheScope("ws_a", "user_1"), "openai/gpt-4o-mini", ASK)).isNotEqualTo(plain);
        assertThat(AnswerKeys.of(WS, "openai/gpt-4o-mini", WireFormat.OPENAI_CHAT, true, false, json(ASK))).isNotEqualTo(plain);
        assertThat(AnswerKeys.of(WS, "openai/gpt-4o-mini", WireFormat.OPENAI_CHAT, true, true, json(ASK)))
                .isNotEqualTo(AnswerKeys.of(WS, "openai/gpt-4o-mini", WireFormat.OPENAI_CHAT, true, false, json(ASK)));
        assertThat(AnswerKeys.of(WS, "openai/gpt-4o-mini", WireFormat.ANTHROPIC_MESSAGES, false, false, json(ASK)))
                .isNotEqualTo(plain);
    }

    @Test
    void aRouteIsKeyedByItsCandidatesAndInvalidatedByItsName() {
        var decision = new RouteDecision("auto", "auto", "fallback", null, null, null,
                List.of(new RouteDecision.Estimate(new Target("openai", "gpt-4o-mini"), null, null)), List.of(), "r");
        var before = new RouteSettings("auto", "fallback", List.of("openai/gpt-4o-mini"), List.of(), Map.of("a", 1, "b", 2));
        var reordered = new RouteSettings("auto", "fallback", List.of("openai/gpt-4o-mini"), List.of(), Map.of("b", 2, "a", 1));
        var after = new RouteSettings("auto", "fallback", List.of("openai/gpt-4o-mini", "anthropic/claude"), List.of(),
                Map.of("a", 1, "b", 2));
        assertThat(CacheTargets.of(decision, before)).isEqualTo(CacheTargets.of(decision, reordered)).startsWith("auto#");
        assertThat(CacheTargets.of(decision, after)).isNotEqualTo(CacheTargets.of(decision, before));
        assertThat(CacheTargets.of(decision, null)).isEqualTo("openai/gpt-4o-mini");

        String stored = key(WS, CacheTargets.of(decision, before), ASK);
        assertThat(AnswerKeys.selects(new AnswerSelection(null, "auto"), stored)).isTrue();
        assertThat(AnswerKeys.selects(new AnswerSelection("ws_a", "auto"), stored)).isTrue();
        assertThat(AnswerKeys.selects(new AnswerSelection("ws_b", null), stored)).isFalse();
        assertThat(AnswerKeys.selects(new AnswerSelection(null, "openai/gpt-4o-mini"), stored)).isFalse();
        assertThat(AnswerKeys.selects(AnswerSelection.ALL, stored)).isTrue();
    }

    /** A key is hex and dots only: nothing a Redis glob or a caller's text could make mean more. */
    @Property
    void keysAreHexTagsAndAHashWhateverTheNames(@ForAll("names") String workspace, @ForAll("names") String target,
                                               @ForAll("names") String text) {
        String k = AnswerKeys.of(new CacheScope(workspace, null), target, WireFormat.OPENAI_CHAT, false, false,
                Json.MAPPER.createObjectNode().put("content", text));
        assertThat(k).matches("[0-9a-f]{12}\\.-\\.[0-9a-f]{12}\\.[0-9a-f]{64}");
        assertThat(AnswerKeys.selects(new AnswerSelection(workspace, null), k)).isTrue();
        assertThat(AnswerKeys.pattern(new AnswerSelection(workspace, target))).matches("[0-9a-f.*]+");
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
    }
}
