package io.keyroute.server.inference.attempts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.server.auth.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One caller's conversation under one model or route: whose it is (a user, else a key: never
 * shared between callers, whatever session id they send), the session id they sent, and the model
 * they asked for, so a side request of the same session for another model (a title, a summary)
 * keeps its own affinity instead of moving the conversation's. Requests that name no session but
 * begin with the same long prompt are one too ({@link #ofPrefix}): a workspace's, never another's.
 */
public record SessionKey(String caller, String session, String model) {
    /** Longer session ids are ignored: they are caller input, held in memory per entry. */
    public static final int MAX_SESSION_CHARS = 256;

    /**
     * This session's name for a provider's prompt cache (OpenAI's {@code prompt_cache_key}, at most 64
     * characters): a SHA-256 of the caller, session and model, so the provider sees a stable name that
     * says nothing of who the caller is or what the session id was, and two callers never share one.
     */
    public String promptCacheKey() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (caller + '\n' + session + '\n' + model).getBytes(StandardCharsets.UTF_8));
            return "kr-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The key of {@code caller}'s session {@code session} for {@code model}; empty when there is none to key. */
    public static Optional<SessionKey> of(Caller caller, String session, String model) {
        if (session == null || session.isBlank() || session.length() > MAX_SESSION_CHARS) {
            return Optional.empty();
        }
        String who = caller.userId() != null ? "user:" + caller.userId()
                : caller.keyId() != null ? "key:" + caller.keyId() : null;
        return who == null ? Optional.empty() : Optional.of(new SessionKey(who, session, model));
    }

    /**
     * The key of the prompt prefix {@code chat} begins with ({@link PromptPrefix}) in the caller's
     * workspace (their key's, without one) for {@code model}: requests of one workspace sharing it are
     * kept together, so the provider's prompt cache serves them; another workspace's never are. Empty for
     * a prompt too short to be cached.
     */
    public static Optional<SessionKey> ofPrefix(Caller caller, ObjectNode chat, String model) {
        String scope = caller.workspaceId() != null ? "workspace:" + caller.workspaceId()
                : caller.keyId() != null ? "key:" + caller.keyId() : null;
        return scope == null ? Optional.empty()
                : PromptPrefix.of(chat).map(prefix -> new SessionKey(scope, "prefix:" + prefix, model));
    }
}
