package io.keyroute.server.cache;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;

/**
 * An answer's key: SHA-256 over a canonical serialisation of what decides the answer (the scope, the model or
 * route as resolved, the API shape, streamed or not, and the request's body with its object fields sorted and
 * its numbers written one way), behind short tags of the scope and target that invalidation matches on:
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

    private AnswerKeys() {
    }

    /**
     * @param target     the model or route as resolved, with whatever of the route's config decides its answers
     *                   ({@link #target})
     * @param wantsUsage whether a stream reports usage at its end (an event more)
     * @param body       the request as sent (after any guardrail's redaction)
     */
    public static String of(CacheScope scope, String target, WireFormat format, boolean stream, boolean wantsUsage,
                            JsonNode body) {
        MessageDigest sha = sha256();
        try (JsonGenerator g = Json.FACTORY.createGenerator(new DigestStream(sha))) {
            g.writeStartArray();
            g.writeString("v1");
            g.writeString(scope.workspaceId());
            g.writeString(scope.userId());
            g.writeString(target);
            g.writeString(format.name());
            g.writeBoolean(stream);
            g.writeBoolean(wantsUsage);
            writeObject(g, body, true);
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a digest does not fail
        }
        return prefix(scope.workspaceId(), scope.userId()) + SEPARATOR + tag(name(target)) + SEPARATOR
                + HEX.formatHex(sha.digest());
    }

    /** The route's name, or the model: what invalidation by {@code model=} names (a target's tag covers only it). */
    private static String name(String target) {
        int hash = target.indexOf('#');
        return hash < 0 ? target : target.substring(0, hash);
    }

    /** {@code <workspace tag>.<user tag>}: where the keys of one scope begin. */
    static String prefix(String workspaceId, String userId) {
        return tag(workspaceId) + SEPARATOR + tag(userId);
    }

    /** A name's tag: 12 hex digits of its SHA-256; {@code -} for none. */
    static String tag(String name) {
        if (name == null) {
            return NONE;
        }
        return HEX.formatHex(sha256().digest(name.getBytes(StandardCharsets.UTF_8)), 0, TAG_BYTES);
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

    /** The top level without {@link #IGNORED}; every object's fields in sorted order. */
    private static void writeObject(JsonGenerator g, JsonNode object, boolean top) throws IOException {
        String[] names = new String[object.size()];
        int n = 0;
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!top || !IGNORED.contains(name)) {
                names[n++] = name;
            }
        }
        Arrays.sort(names, 0, n);
        g.writeStartObject();
        for (int i = 0; i < n; i++) {
            g.writeFieldName(names[i]);
            write(g, object.get(names[i]));
        }
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            writeObject(g, node, false);
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (node.isNumber()) {
            // 0, 0.0 and 0e0 are one temperature
            double value = node.doubleValue();
            if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
                g.writeNumber((long) value);
            } else {
                g.writeNumber(value);
            }
        } else {
            g.writeTree(node);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Feeds what is written to a digest, keeping nothing. */
    private static final class DigestStream extends OutputStream {
        private final MessageDigest digest;

        DigestStream(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }
    }
}
