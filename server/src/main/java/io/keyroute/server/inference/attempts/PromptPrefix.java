package io.keyroute.server.inference.attempts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The first {@link #CHARS} characters of a chat's prompt in the order providers cache it (tools,
 * then the system prompt or instructions, then the messages or input), hashed: requests whose
 * prompts begin alike share it, so they can be sent where the provider already holds that prefix
 * in its prompt cache. A prompt shorter than that has none: there is nothing worth caching.
 *
 * <p>The prompt is written in a compact JSON-like form (field names and strings quoted, nothing
 * else of the body: not the model, sampling parameters or stream flag, which do not change what a
 * provider caches), and the walk stops as soon as {@link #CHARS} are written, so a 400 KB body
 * costs what a 4 KB one does. The form is prefix-stable (no lengths written ahead of a string), so
 * anything after the first {@link #CHARS} characters, a new turn or a longer document, leaves the
 * hash as it was.
 */
public final class PromptPrefix {
    /**
     * How much prompt, in characters of that form, makes a prefix. Providers cache from 1,024 tokens
     * (OpenAI; Anthropic's Sonnet and Opus; Gemini Flash's implicit cache), about 4,096 characters of
     * English at ~4 characters a token: a shorter prompt is not cached anywhere.
     */
    public static final int CHARS = 4_096;

    /** The parts of a chat body that make its prompt, in the order providers cache them; any format's names. */
    private static final String[] PARTS = {"tools", "system", "instructions", "messages", "input"};

    /** What a short chat's prompt fits in: most requests never grow it. */
    private static final int FIRST_BYTES = 512;

    /**
     * The characters written, each as one byte when ASCII, else as three bytes with their high bits set
     * (lossless); grown once to {@code 3 * CHARS} when they do not fit, so a short prompt, which has no prefix,
     * does not pay for a full one (12 KB zeroed a request, a fifth of a short chat's allocation), and a long
     * one copies its first bytes once rather than doubling its way up.
     */
    private byte[] out = new byte[FIRST_BYTES];
    private int bytes;
    private int length;

    private PromptPrefix() {
    }

    /**
     * The hex SHA-256 (128 bits) of {@code body}'s first {@link #CHARS} prompt characters; empty when its
     * prompt is shorter.
     */
    public static Optional<String> of(ObjectNode body) {
        var prefix = new PromptPrefix();
        for (int i = 0; i < PARTS.length && prefix.length < CHARS; i++) {
            JsonNode value = body.get(PARTS[i]);
            if (value != null) {
                prefix.name(PARTS[i]).value(value);
            }
        }
        return prefix.length < CHARS ? Optional.empty() : Optional.of(prefix.hash());
    }

    /** Writes {@code node}; false once the prefix is full (nothing more is written). */
    private boolean value(JsonNode node) {
        if (node.isTextual()) {
            return text(node.textValue());
        }
        if (node.isObject()) {
            if (!put('{')) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!name(field.getKey()).value(field.getValue())) {
                    return false;
                }
            }
            return put('}');
        }
        if (node.isArray()) {
            if (!put('[')) {
                return false;
            }
            for (JsonNode element : node) {
                if (!value(element)) {
                    return false;
                }
            }
            return put(']');
        }
        return text(node.asText()) && put(node.isNumber() ? 'n' : 'l'); // a number or literal, told from a string
    }

    /** A field's name, then the position for its value; after a full prefix, a no-op whose value writes nothing. */
    private PromptPrefix name(String name) {
        text(name);
        put(':');
        return this;
    }

    /** A quoted string, a quote or backslash in it escaped, so no two sequences of strings write alike. */
    private boolean text(String text) {
        if (!put('"')) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '"' || c == '\\') && !put('\\') || !put(c)) {
                return false;
            }
        }
        return put('"');
    }

    /** Unlike UTF-8, which would turn any lone surrogate into '?', no two characters are written alike. */
    private boolean put(char c) {
        if (length == CHARS) {
            return false;
        }
        length++;
        if (bytes + 3 > out.length) {
            out = Arrays.copyOf(out, 3 * CHARS);
        }
        if (c < 0x80) {
            out[bytes++] = (byte) c;
        } else {
            out[bytes++] = (byte) (0x80 | c >>> 12);
            out[bytes++] = (byte) (0x80 | (c >>> 6 & 0x3F));
            out[bytes++] = (byte) (0x80 | (c & 0x3F));
        }
        return true;
    }

    private String hash() {
        try {
            var sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(out, 0, bytes);
            byte[] digest = sha256.digest();
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
