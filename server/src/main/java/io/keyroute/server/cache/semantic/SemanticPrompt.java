package io.keyroute.server.cache.semantic;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.Role;
import io.keyroute.providers.translate.Translation;
import io.keyroute.server.cache.CacheScope;
import io.keyroute.server.config.SemanticCacheSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What of a request the semantic cache compares. Only the user turns' text is embedded: paraphrases of it may
 * match. Everything else that shapes the answer is its {@code context} and must be identical for a match: the
 * system prompt, earlier assistant turns, tools, images and documents (when allowed at all), sampling and output
 * settings (max tokens, temperature, seed, response format, ...), the API shape and whether it streams (a hit
 * replays an answer as it was sent). Embedding the system prompt with
 * the question instead would let one long shared system prompt make every question look alike.
 *
 * @param text    the user turns, each canonical (Unicode NFKC, runs of white space as one space, trimmed), one a line
 * @param context a SHA-256 of the rest of the request, canonical, as hex
 */
public record SemanticPrompt(String text, String context) {
    /** Reads the caller's format into the canonical model; the clock is only for answers, never read here. */
    private static final Translation READER = new Translation(Clock.systemUTC());
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** The Responses API's fields that continue a conversation kept upstream or by Keyroute. */
    private static final List<String> CONTINUES = List.of("previous_response_id", "conversation");

    /**
     * The prompt of {@code chat}, or empty when the semantic cache must not look it up: more user turns than
     * {@code max_turns}, a continued Responses conversation, tools without {@code with_tools}, images or documents without {@code with_images}, no
     * user text, or more than {@code max_chars} of it (never cut: two prompts differing past the cut would match).
     */
    public static Optional<SemanticPrompt> of(ChatRequest chat, SemanticCacheSettings settings) {
        if (CONTINUES.stream().anyMatch(field -> chat.body().hasNonNull(field))) {
            return Optional.empty(); // a stored conversation the prompt does not show goes before it
        }
        CanonicalRequest request;
        try {
            request = READER.canonical(chat);
        } catch (RuntimeException unreadable) { // the endpoint read it already; a shape only it knows is not looked up
            return Optional.empty();
        }
        boolean tools = !request.tools().isEmpty() || request.toolChoice() != null;
        boolean images = false;
        int turns = 0;
        StringBuilder text = new StringBuilder();
        List<Message> context = new ArrayList<>();
        for (Message m : request.messages()) {
            tools |= m.role() == Role.TOOL;
            List<Part> kept = new ArrayList<>();
            for (Part p : m.parts()) {
                tools |= p instanceof Part.ToolCall || p instanceof Part.ToolResult;
                images |= p instanceof Part.Image || p instanceof Part.Document;
                if (m.role() == Role.USER && p instanceof Part.Text t) {
                    String canonical = canonical(t.text());
                    if (!canonical.isEmpty()) {
                        text.append(text.isEmpty() ? "" : "\n").append(canonical);
                    }
                } else {
                    kept.add(p); // in the context: must be the same for a match
                }
            }
            turns += m.role() == Role.USER ? 1 : 0;
            context.add(new Message(m.role(), kept)); // the turn's place stays, its text does not
        }
        if (turns > settings.maxTurns() || (tools && !settings.withTools()) || (images && !settings.withImages())
                || text.isEmpty() || text.length() > settings.maxChars()) {
            return Optional.empty();
        }
        Params p = request.params();
        var rest = new CanonicalRequest(null, context, request.tools(), request.toolChoice(),
                new Params(p.maxTokens(), p.temperature(), p.topP(), p.stop(), p.seed(), p.responseFormat(), null,
                        p.parallelToolCalls(), p.thinking()), false, false);
        try {
            return Optional.of(new SemanticPrompt(text.toString(),
                    sha256(chat.format().name() + "\n" + chat.stream() + "\n" + chat.clientWantsUsage() + "\n"
                            + Json.MAPPER.writeValueAsString(rest))));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * Where this prompt's vectors are kept and looked for: the scope (workspace, and user when per user), the
     * target and the context, hashed with each field's length before it so no two differ only in where one
     * field ends. A hit therefore never crosses workspaces, targets or contexts, in any store.
     */
    public String partition(CacheScope scope, String target) {
        StringBuilder fields = new StringBuilder();
        for (String field : new String[] {scope.workspaceId(), scope.userId(), target, context}) {
            fields.append(field == null ? "-1" : Integer.toString(field.length())).append(':')
                    .append(field == null ? "" : field).append('\n');
        }
        return sha256(fields.toString());
    }

    static String canonical(String text) {
        return SPACES.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll(" ").trim();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
