package io.keyroute.server.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.api.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;

/**
 * An answer's key: SHA-256 over a canonical serialisation of what decides the answer (the scope, the model or
 * route as resolved, the API shape, streamed or not, and the request's body with its object fields sorted and
 * its numbers written one way: {@link CanonicalHash}), behind short tags of the scope and target that invalidation
 * matches on:
 * {@code <workspace tag>.<user tag>.<target tag>.<sha-256 hex>}. The tags are hex, so a Redis pattern over them
 * needs no escaping; the hash alone decides a hit (the scope and target are hashed too).
 */
public final class AnswerKeys {
    /**
     * Top-level fields that do not change the answer: who asks ({@code user}, {@code metadata},
     * {@code safety_identifier}), how it is carried ({@code stream}, {@code stream_options} (whether usage is
     * reported is hashed apart), {@code service_tier}), what is kept of it ({@code store}) and the provider's
     * own prompt-cache hints. {@code model} is replaced by the target as resolved.
     */
    private static final Set<String> IGNORED = Set.of("model", "stream", "stream_options", "user", "metadata",
            "safety_identifier", "store", "service_tier", "prompt_cache_key", "prompt_cache_retention");
    private static final HexFormat HEX = HexFormat.of();
    private static final int TAG_BYTES = 6;
    /** Outside any tag: a key's parts never run together. */
    static final char SEPARATOR = '.';
    private static final String NONE = "-";
    private static final String VERSION = "v2";
    /** Three tags, three separators and the hash's hex: a key's length, at most. */
    private static final int KEY_LENGTH = 3 * (2 * TAG_BYTES + 1) + 64;
    /**
     * Workspaces, users and targets asked about lately: each request's tags are look-ups, not hashes. Their upkeep
     * runs on the asking thread (a few reads' worth at a time), not as a task woken on another.
     */
    private static final Cache<String, String> TAGS = Caffeine.newBuilder().maximumSize(10_000)
            .executor(Runnable::run).build();
    /** A target's tag by the target itself ({@code auto#…} → the tag of {@code auto}): no substring a request. */
    private static final Cache<String, String> TARGET_TAGS = Caffeine.newBuilder().maximumSize(10_000)
            .executor(Runnable::run).build();

    private AnswerKeys() {
    }

    /**
     * @param target     the model or route as resolved, with whatever of the route's config decides its answers
     *                   ({@link CacheTargets})
     * @param wantsUsage whether a stream reports usage at its end (an event more)
     * @param body       the request as sent (after any guardrail's redaction)
     */
    public static String of(CacheScope scope, String target, WireFormat format, boolean stream, boolean wantsUsage,
                            JsonNode body) {
        var canon = CanonicalHash.take();
        canon.text(VERSION);
        canon.text(scope.workspaceId());
        canon.text(scope.userId());
        canon.text(target);
        canon.text(format.name());
        canon.tag(stream ? 'T' : 'F');
        canon.tag(wantsUsage ? 'T' : 'F');
        canon.object(body, IGNORED);
        var key = new StringBuilder(KEY_LENGTH).append(tag(scope.workspaceId())).append(SEPARATOR)
                .append(tag(scope.userId())).append(SEPARATOR).append(TARGET_TAGS.get(target, AnswerKeys::targetTag))
                .append(SEPARATOR);
        canon.hex(key);
        canon.release();
        return key.toString();
    }

    private static String targetTag(String target) {
        return tag(name(target));
    }

    /** The route's name, or the model: what invalidation by {@code model=} names (a target's tag covers only it). */
    private static String name(String target) {
        int hash = target.indexOf('#');
        return hash < 0 ? target : target.substring(0, hash);
    }

    /** A name's tag: 12 hex digits of its SHA-256; {@code -} for none. */
    static String tag(String name) {
        return name == null ? NONE : TAGS.get(name, AnswerKeys::digestTag);
    }

    private static String digestTag(String name) {
        return HEX.formatHex(CanonicalHash.sha256().digest(name.getBytes(StandardCharsets.UTF_8)), 0, TAG_BYTES);
    }

    /** Whether {@code answerKey} is one {@code which} selects. */
    static boolean selects(AnswerSelection which, String answerKey) {
        String[] parts = answerKey.split("\\" + SEPARATOR, 4);
        return parts.length == 4 && (which.workspaceId() == null || parts[0].equals(tag(which.workspaceId())))
                && (which.target() == null || parts[2].equals(tag(which.target())));
    }

    /** The glob a Redis SCAN matches {@code which}'s keys with (tags are hex: nothing to escape). */
    static String pattern(AnswerSelection which) {
        return (which.workspaceId() == null ? "*" : tag(which.workspaceId())) + SEPARATOR + "*" + SEPARATOR
                + (which.target() == null ? "*" : tag(which.target())) + SEPARATOR + "*";
    }
}
