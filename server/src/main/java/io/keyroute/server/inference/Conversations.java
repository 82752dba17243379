package io.keyroute.server.inference;

import io.helidon.http.Headers;
import io.keyroute.api.ChatRequest;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.KeyrouteHeaders;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.inference.attempts.KeptRoute;
import io.keyroute.server.inference.attempts.SessionKey;
import io.keyroute.server.inference.attempts.SessionTable;
import java.util.Optional;

/**
 * Which conversation a request belongs to and what served it last (session affinity): the
 * response its {@code previous_response_id} names, else its session header's entry in the
 * {@link SessionTable} ({@code x-keyroute-session}, Claude Code's {@code x-claude-code-session-id},
 * Codex CLI's {@code session_id}). A request with a session header leaves its answer's target and credential
 * there for the next turn. A chat with neither is keyed by the long prompt prefix it begins with, if any
 * ({@link SessionKey#ofPrefix}): the next request of its workspace that begins alike goes where it went,
 * so the provider's prompt cache serves it, by the same table and the same rules.
 */
public final class Conversations {
    private final SessionTable sessions;
    private final ResponseOrigins responses;

    public Conversations(SessionTable sessions, ResponseOrigins responses) {
        this.sessions = sessions;
        this.responses = responses;
    }

    /**
     * @param model              the model or route the caller asked for: each keeps its own affinity
     * @param previousResponseId the response the request continues, or null
     * @param chat               the request as a chat, or null (embeddings)
     */
    Conversation of(Caller caller, Headers headers, String model, String previousResponseId, ChatRequest chat) {
        String named = session(headers);
        boolean byPrefix = named == null && previousResponseId == null && chat != null;
        Optional<SessionKey> session = byPrefix ? SessionKey.ofPrefix(caller, chat.body(), model)
                : SessionKey.of(caller, named, model);
        Optional<KeptRoute> kept = previousResponseId == null ? Optional.empty()
                : responses.servedBy(previousResponseId, caller);
        if (kept.isEmpty() && session.isPresent()) {
            kept = sessions.get(session.get());
        }
        return session.isEmpty() && kept.isEmpty() ? Conversation.NONE
                : new Conversation(sessions, session, kept, byPrefix);
    }

    /** Keyroute's own header first, then Claude Code's, then Codex CLI's (its conversation id, on every turn). */
    private static String session(Headers headers) {
        return headers.first(KeyrouteHeaders.SESSION).or(() -> headers.first(KeyrouteHeaders.CLAUDE_CODE_SESSION))
                .or(() -> headers.first(KeyrouteHeaders.CODEX_SESSION)).orElse(null);
    }

    /** A request's conversation: its session, if it named one, and what served the conversation last. */
    static final class Conversation {
        static final Conversation NONE = new Conversation(null, Optional.empty(), Optional.empty(), false);

        private final SessionTable sessions;
        private final Optional<SessionKey> session;
        private final Optional<KeptRoute> kept;
        private final boolean byPrefix;

        private Conversation(SessionTable sessions, Optional<SessionKey> session, Optional<KeptRoute> kept,
                             boolean byPrefix) {
            this.sessions = sessions;
            this.session = session;
            this.kept = kept;
            this.byPrefix = byPrefix;
        }

        Optional<KeptRoute> kept() {
            return kept;
        }

        /** Its session's or prompt prefix's name for a provider's prompt cache ({@link SessionKey#promptCacheKey}); null without either. */
        String promptCacheKey() {
            return session.map(SessionKey::promptCacheKey).orElse(null);
        }

        /** Its session's next turn goes where {@code attempt} went. */
        void served(Attempt attempt) {
            session.ifPresent(s -> sessions.keep(s, new KeptRoute(attempt.target(), attempt.credential().storedId(),
                    byPrefix)));
        }
    }
}
