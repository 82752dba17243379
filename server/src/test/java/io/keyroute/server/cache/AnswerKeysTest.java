package io.keyroute.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import io.keyroute.catalog.Target;
import io.keyroute.routing.RouteDecision;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
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

    /**
     * Keys as the unbuffered v2 form made them (f9e733d, one digest update per byte and string): the bytes hashed
     * are the same, so answers kept in Redis before the change are still found after it. ASCII text within and
     * across the hash's buffer, text the JDK encodes (accents, an emoji, a lone surrogate), numbers, nulls, nesting.
     */
    @Test
    void theKeysAreTheOnesTheUnbufferedFormMade() {
        String mixed = "{\"model\":\"gpt\",\"seed\":7,\"top_p\":0.5,\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"Réponds en français 🇫🇷, \\ud800 seul\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"x\"}],\"name\":null}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\","
                + "\"parameters\":{\"b\":true,\"a\":[1,2.5,-3e2]}}}],\"max_tokens\":100}";
        var scopeB = new CacheScope("ws_b", "user_1");
        assertThat(key(WS, "openai/gpt-4o-mini", ASK)).isEqualTo("9598e311c160.-.94d9f0da9727."
                + "0e54dc173889e1a206e9dc2322fb046e0198717e2bef2f6ed00263cb117e57b6");
        assertThat(AnswerKeys.of(scopeB, "auto#0123456789ab", WireFormat.ANTHROPIC_MESSAGES, true, true, json(ASK)))
                .isEqualTo("32f121060ff3.79b0aa0042b3.929260ad9b9e."
                        + "35a1454d23e546d73064ccee81e3c0fbf51d02f3b3b80304ee5209f673777d57");
        assertThat(key(WS, "openai/gpt-4o-mini", mixed)).isEqualTo("9598e311c160.-.94d9f0da9727."
                + "0ed0024e1b719016b83bd2923f2f42775bc84659a252e59f78dd74747a9b874c");
        assertThat(AnswerKeys.of(scopeB, "auto#0123456789ab", WireFormat.ANTHROPIC_MESSAGES, true, true, json(mixed)))
                .isEqualTo("32f121060ff3.79b0aa0042b3.929260ad9b9e."
                        + "f4caccf6e53f5a3c25c7fa2e7d849f4994fab889c225c6709b4e32437dd2bd09");
        var longer = Json.MAPPER.createObjectNode().put("temperature", 0);
        var messages = longer.putArray("messages");
        messages.addObject().put("role", "user").put("content", "Clause 14.2: pay 1% a day. ".repeat(40));
        messages.addObject().put("role", "assistant").put("content", "x".repeat(300) + "é" + "y".repeat(300));
        assertThat(AnswerKeys.of(WS, "openai/gpt-4o-mini", WireFormat.OPENAI_CHAT, false, false, longer))
                .isEqualTo("9598e311c160.-.94d9f0da9727.86e43e3ed0ddcdc3db46b2fbb60b46f44a9c1d81a0925adcfca2ae3464cee749");
    }

    /** Hashes are reused from request to request: keys made at once on many threads are each the key made alone. */
    @Test
    void keysMadeAtOnceOnManyThreadsAreTheKeysMadeAlone() throws Exception {
        List<JsonNode> bodies = IntStream.range(0, 64).mapToObj(i -> json(ASK.replace("hi", "hi " + i))).toList();
        Callable<List<String>> keys = () -> bodies.stream().map(b -> AnswerKeys.of(WS, "openai/gpt-4o-mini",
                WireFormat.OPENAI_CHAT, false, false, b)).toList();
        List<String> alone = keys.call();
        assertThat(Set.copyOf(alone)).hasSize(bodies.size());
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<String>>> atOnce = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                atOnce.add(threads.submit(keys));
            }
            for (Future<List<String>> run : atOnce) {
                assertThat(run.get()).isEqualTo(alone);
            }
        }
    }

    /**
     * Equal requests are one key however their fields are ordered, whatever their text; another workspace, or
     * another user of a per-user cache, is another key for the very same request; other text is another key.
     */
    @Property
    void equalRequestsShareAKeyOnlyWithinTheirScope(@ForAll("texts") String text, @ForAll("ids") String workspace,
                                                    @ForAll("ids") String other, @ForAll("ids") String user) {
        var forward = Json.MAPPER.createObjectNode().put("temperature", 0).put("model", "a");
        forward.putArray("messages").addObject().put("role", "user").put("content", text).put("name", user);
        var backward = Json.MAPPER.createObjectNode().put("model", "b");
        backward.putArray("messages").addObject().put("name", user).put("content", text).put("role", "user");
        backward.put("temperature", 0.0);
        var scope = new CacheScope(workspace, null);
        String k = AnswerKeys.of(scope, "openai/gpt-4o-mini", WireFormat.OPENAI_CHAT, false, false, forward);
        assertThat(AnswerKeys.of(scope, "openai/gpt-4o-mini", WireFormat.OPENAI_CHAT, false, false, backward))
                .isEqualTo(k);
        assertThat(AnswerKeys.of(new CacheScope(workspace, user), "openai/gpt-4o-mini", WireFormat.OPENAI_CHAT, false,
                false, forward)).isNotEqualTo(k);
        if (!other.equals(workspace)) {
            assertThat(AnswerKeys.of(new CacheScope(other, null), "openai/gpt-4o-mini", WireFormat.OPENAI_CHAT, false,
                    false, forward)).isNotEqualTo(k);
        }
        ((ObjectNode) backward.get("messages").get(0)).put("content", text + "?");
        assertThat(AnswerKeys.of(scope, "openai/gpt-4o-mini", WireFormat.OPENAI_CHAT, false, false, backward))
                .isNotEqualTo(k);
    }

    /** Workspace and user ids as Keyroute makes them (and more): generated tenants. */
    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_-").ofMinLength(1).ofMaxLength(30);
    }

    /** Short and long (past the hash's 256-byte buffer), ASCII or any UTF-16 at all (lone surrogates too). */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(700), Arbitraries.strings().all()
                .ofMaxLength(300));
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
