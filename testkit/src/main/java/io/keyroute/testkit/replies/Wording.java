package io.keyroute.testkit.replies;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The fake's deterministic "model": reply text, chunking, token counts, ids. */
public final class Wording {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Wording() {
    }

    /** "Echo: " + the text of the last user message. */
    public static String echo(JsonNode messages) {
        String last = "";
        if (messages != null && messages.isArray()) {
            for (JsonNode m : messages) {
                if ("user".equals(m.path("role").asText())) {
                    last = contentText(m.get("content"));
                }
            }
        }
        return "Echo: " + last;
    }

    /** Prompt tokens: total characters of message contents / 4, rounded up, at least 1. */
    public static int promptTokens(JsonNode messages) {
        long chars = 0;
        if (messages != null && messages.isArray()) {
            for (JsonNode m : messages) {
                chars += contentText(m.get("content")).length();
            }
        }
        return tokensForChars(chars);
    }

    /**
     * A count endpoint's prompt tokens (the fakes' {@code count_tokens}, {@code input_tokens},
     * {@code countTokens}): every string anywhere in the prompt's fields (texts, roles, tool
     * definitions), a token per four characters, rounded up, at least 1; a missing field counts nothing.
     */
    public static int countedTokens(JsonNode... fields) {
        long chars = 0;
        for (JsonNode field : fields) {
            chars += stringChars(field);
        }
        return tokensForChars(chars);
    }

    private static long stringChars(JsonNode node) {
        if (node == null) {
            return 0;
        }
        if (node.isTextual()) {
            return node.asText().length();
        }
        long chars = 0;
        for (JsonNode child : node) {
            chars += stringChars(child);
        }
        return chars;
    }

    public static int tokensForChars(long chars) {
        return (int) Math.max(1, (chars + 3) / 4);
    }

    /**
     * Completion tokens of a reply: its text's words, or a token per four characters of its tool
     * calls' names and arguments; a reasoning summary's words are reasoning tokens on top.
     */
    public static int completionTokens(Reply reply) {
        int answer;
        if (reply.kind() == Reply.Kind.TOOL_CALLS) {
            long chars = reply.toolCalls().stream().mapToLong(c -> c.name().length() + c.arguments().length()).sum();
            answer = tokensForChars(chars);
        } else {
            answer = words(reply.text());
        }
        return answer + reasoningTokens(reply);
    }

    /** Reasoning tokens of a reply: the words of its reasoning summary, none without one. */
    public static int reasoningTokens(Reply reply) {
        return reply.reasoningSummary() == null ? 0 : words(reply.reasoningSummary());
    }

    /** Completion tokens of a text: its number of whitespace-separated words. */
    public static int words(String text) {
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean ws = Character.isWhitespace(text.charAt(i));
            if (!ws && !inWord) {
                n++;
            }
            inWord = !ws;
        }
        return n;
    }

    /** Splits before each whitespace run that follows a word: "a b  c" → "a", " b", "  c". */
    public static List<String> chunks(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** Splits a string into pieces of at most {@code size} characters (tool-call argument deltas). */
    public static List<String> slices(String s, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i += size) {
            out.add(s.substring(i, Math.min(s.length(), i + size)));
        }
        return out;
    }

    /** The text of a message content: a string, or the "text" of its text parts. */
    public static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (part.hasNonNull("text")) {
                    sb.append(part.get("text").asText());
                }
            }
            return sb.toString();
        }
        return "";
    }

    /** "chatcmpl-" + 29 characters derived from a sequence number. */
    public static String completionId(long seq) {
        return "chatcmpl-" + base62(seq * 0x9E3779B97F4A7C15L + 0x5DEECE66DL, 29);
    }

    /** "call_" + 24 characters derived from the call's content, so scripts are reproducible. */
    public static String toolCallId(String name, String args, int index) {
        long h = 1125899906842597L;
        for (byte b : (name + '\0' + args + '\0' + index).getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return "call_" + base62(h, 24);
    }

    private static String base62(long seed, int length) {
        StringBuilder sb = new StringBuilder(length);
        long x = seed;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            sb.append(ALPHABET.charAt((int) Math.floorMod(x, (long) ALPHABET.length())));
        }
        return sb.toString();
    }
}
