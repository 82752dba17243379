package io.keyroute.server.inference;

import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.responses.ResponsesRequest;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.HeaderText;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.inference.attempts.CredentialResolver;
import io.keyroute.server.inference.attempts.KeptRoute;
import io.keyroute.catalog.Target;
import io.keyroute.vault.responses.PassedThroughResponse;
import io.keyroute.vault.responses.PassedThroughResponses;
import io.keyroute.vault.responses.ResponseOwner;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whose each response an upstream keeps itself is (OpenAI's Responses API, passed through): with a
 * shared key (a workspace's, the system's) OpenAI cannot tell Keyroute's callers apart, so Keyroute
 * records the id of every passed-through response for its caller and holds each continuation to it,
 * before anything is sent. A {@code previous_response_id} recorded for another caller is refused; one
 * recorded for this caller goes with the key that made it (OpenAI's ids live in that key's
 * organisation); one never recorded, and any {@code conversation} (made outside Keyroute: it serves no
 * Conversations API), only with the caller's own stored key, whose provider account enforces the rest.
 */
public final class UpstreamKeptResponses {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamKeptResponses.class);

    private final PassedThroughResponses records;
    private final CredentialResolver credentials;
    private final Supplier<Duration> retention;

    /**
     * @param records   the vault's records, or null without a vault (no tenants: nothing to keep apart)
     * @param retention read per record, as {@link ResponseKeeper}'s
     */
    public UpstreamKeptResponses(PassedThroughResponses records, CredentialResolver credentials,
                                 Supplier<Duration> retention) {
        this.records = records;
        this.credentials = credentials;
        this.retention = retention;
    }

    /** The record of {@code id}, whoever's it is; empty for one never recorded, expired, or without a vault. */
    Optional<PassedThroughResponse> find(String id) {
        return records == null || id == null ? Optional.empty() : records.find(id);
    }

    /**
     * What served {@code caller}'s response {@code id} that OpenAI keeps, so session affinity routes
     * its continuation there ({@link ResponseOrigins}); empty for another caller's, unknown or expired.
     */
    public Optional<KeptRoute> servedBy(String id, Caller caller) {
        return find(id).filter(found -> found.ownedBy(StoredResponsesHandler.ownerOf(caller)))
                .map(found -> new KeptRoute(new Target(found.provider(), found.model()), found.servedBy().credentialId()));
    }

    /** The credential a continuation of {@code previous} must use at {@code provider}: the one that made it. */
    static Optional<String> pin(Optional<PassedThroughResponse> previous, Caller caller, Provider provider) {
        return previous.filter(p -> p.ownedBy(StoredResponsesHandler.ownerOf(caller)) && p.provider().equals(provider.id()))
                .map(PassedThroughResponse::credentialId);
    }

    /**
     * Refuses, with 400, to send {@code request} to {@code provider} with {@code credential} when it
     * would reach a conversation that is not the caller's.
     *
     * @param previous the record of its {@code previous_response_id}, if any
     */
    void check(ResponsesRequest request, Optional<PassedThroughResponse> previous, Caller caller, Provider provider,
               Credential credential) {
        if (records == null) {
            return;
        }
        String previousId = request.previousResponseId();
        if (previousId != null && !(previous.isPresent()
                ? previous.get().ownedBy(StoredResponsesHandler.ownerOf(caller)) && previous.get().credentialId().equals(credential.id())
                : credentials.callersOwn(caller, provider, credential))) {
            throw ClientError.badRequest("previous_response_not_found",
                    "Previous response with id '" + HeaderText.safe(previousId) + "' not found.", "previous_response_id");
        }
        if (request.body().hasNonNull("conversation") && !credentials.callersOwn(caller, provider, credential)) {
            throw ClientError.badRequest("conversation_not_found", "A 'conversation' is served only with your own "
                    + "credential for provider '" + provider.id() + "': conversations kept under a shared key are "
                    + "not bound to their callers. Continue with previous_response_id, or store your own key.",
                    "conversation");
        }
    }

    /** Forgets {@code owner}'s record of {@code id} (deleted upstream). */
    void forget(String id, ResponseOwner owner) {
        if (records != null) {
            records.delete(id, owner);
        }
    }

    /** Records that {@code attempt} made response {@code id} for {@code caller}; a failure is logged, the answer stands. */
    void record(String id, Caller caller, Attempt attempt) {
        if (records == null) {
            return;
        }
        try {
            records.record(id, StoredResponsesHandler.ownerOf(caller), attempt.provider().id(),
                    attempt.target().upstreamModel(), attempt.credential().id(), retention.get());
        } catch (RuntimeException e) {
            LOG.warn("response {} passed through but not recorded: {}", id, e.toString());
        }
    }
}
