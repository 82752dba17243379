package io.keyroute.usage;

import io.keyroute.api.Usage;

/**
 * One finished inference request, as accounting sees it: one per request, however many attempts
 * it took. The server makes it; every usage sink reads it (metrics, the access log, the limits'
 * settlement) and the ledger stores it ({@link LedgerEntry}). Ids name keys and credentials, never
 * their values; {@code provider}/{@code model}/{@code credentialId} are null when no attempt was made.
 *
 * <p>Tokens and cost cover every attempt the provider billed: the delivered one and any that
 * failed after the provider had reported usage, each priced at its own model.
 *
 * @param route       the route name the caller asked for, or null for a direct model request
 * @param costMicros  catalog price × tokens in micro-dollars, or null when the catalog has no price
 * @param outcome     ok, error, cancelled (the caller left) or cut (the stream broke after it started)
 * @param estimated   some of the tokens are an upper bound, not the provider's own count
 * @param routeReason why the request went where it did (the x-keyroute-route-reason answer), or null
 *                    when it was refused before routing
 * @param operation   the GenAI operation ({@code chat}, {@code embeddings}, as OpenTelemetry's
 *                    {@code gen_ai.operation.name} says it), or null when the request was refused before
 *                    it was read; not stored in the ledger
 * @param guardrails  what the guardrails decided, step by step ({@code pii:redact email=2; secrets:pass}):
 *                    entity types and counts, never a value; null when none checked the request
 * @param cache       what the answer cache did ({@link CacheUse}); null when no cache was enabled
 * @param experiment  the A/B experiment whose route the request asked for, or null for none
 * @param experimentArm the arm of {@code experiment} the caller is assigned to (its model as configured), or null
 */
public record RequestRecord(String requestId, String keyId, String userId, String workspaceId, String credentialId,
                            String requestedModel, String route, String provider, String model, int status,
                            int attempts, boolean streamed, Usage usage, Long costMicros, long latencyMicros,
                            long timeToFirstTokenMicros, String outcome, boolean estimated,
                            String routeReason, String operation, String guardrails, CacheUse cache,
                            String experiment, String experimentArm) {

    /** A record of no experiment. */
    public RequestRecord(String requestId, String keyId, String userId, String workspaceId, String credentialId,
                         String requestedModel, String route, String provider, String model, int status, int attempts,
                         boolean streamed, Usage usage, Long costMicros, long latencyMicros, long timeToFirstTokenMicros,
                         String outcome, boolean estimated, String routeReason, String operation, String guardrails,
                         CacheUse cache) {
        this(requestId, keyId, userId, workspaceId, credentialId, requestedModel, route, provider, model, status,
                attempts, streamed, usage, costMicros, latencyMicros, timeToFirstTokenMicros, outcome, estimated,
                routeReason, operation, guardrails, cache, null, null);
    }

    /** A record the answer cache had no part in. */
    public RequestRecord(String requestId, String keyId, String userId, String workspaceId, String credentialId,
                         String requestedModel, String route, String provider, String model, int status, int attempts,
                         boolean streamed, Usage usage, Long costMicros, long latencyMicros, long timeToFirstTokenMicros,
                         String outcome, boolean estimated, String routeReason, String operation, String guardrails) {
        this(requestId, keyId, userId, workspaceId, credentialId, requestedModel, route, provider, model, status,
                attempts, streamed, usage, costMicros, latencyMicros, timeToFirstTokenMicros, outcome, estimated,
                routeReason, operation, guardrails, null);
    }

    /** A record no guardrail checked. */
    public RequestRecord(String requestId, String keyId, String userId, String workspaceId, String credentialId,
                         String requestedModel, String route, String provider, String model, int status, int attempts,
                         boolean streamed, Usage usage, Long costMicros, long latencyMicros, long timeToFirstTokenMicros,
                         String outcome, boolean estimated, String routeReason, String operation) {
        this(requestId, keyId, userId, workspaceId, credentialId, requestedModel, route, provider, model, status,
                attempts, streamed, usage, costMicros, latencyMicros, timeToFirstTokenMicros, outcome, estimated,
                routeReason, operation, null);
    }

    /** A record without its operation (the ledger's, read back). */
    public RequestRecord(String requestId, String keyId, String userId, String workspaceId, String credentialId,
                         String requestedModel, String route, String provider, String model, int status, int attempts,
                         boolean streamed, Usage usage, Long costMicros, long latencyMicros, long timeToFirstTokenMicros,
                         String outcome, boolean estimated, String routeReason) {
        this(requestId, keyId, userId, workspaceId, credentialId, requestedModel, route, provider, model, status,
                attempts, streamed, usage, costMicros, latencyMicros, timeToFirstTokenMicros, outcome, estimated,
                routeReason, null, null);
    }

    /** A record of the providers' own counts, without a route reason. */
    public RequestRecord(String requestId, String keyId, String userId, String workspaceId, String credentialId,
                         String requestedModel, String route, String provider, String model, int status, int attempts,
                         boolean streamed, Usage usage, Long costMicros, long latencyMicros, long timeToFirstTokenMicros,
                         String outcome) {
        this(requestId, keyId, userId, workspaceId, credentialId, requestedModel, route, provider, model, status,
                attempts, streamed, usage, costMicros, latencyMicros, timeToFirstTokenMicros, outcome, false, null, null, null);
    }

    /** This record with the routing decision's reason and the GenAI operation the request was. */
    public RequestRecord withRouteAndOperation(String reason, String operation) {
        return new RequestRecord(requestId, keyId, userId, workspaceId, credentialId, requestedModel, route, provider,
                model, status, attempts, streamed, usage, costMicros, latencyMicros, timeToFirstTokenMicros, outcome,
                estimated, reason, operation, guardrails, cache, experiment, experimentArm);
    }

    /** This record with what the guardrails decided (a summary without values), or null for none. */
    public RequestRecord withGuardrails(String summary) {
        return new RequestRecord(requestId, keyId, userId, workspaceId, credentialId, requestedModel, route, provider,
                model, status, attempts, streamed, usage, costMicros, latencyMicros, timeToFirstTokenMicros, outcome,
                estimated, routeReason, operation, summary, cache, experiment, experimentArm);
    }

    /** This record with what the answer cache did, or null when no cache was enabled. */
    public RequestRecord withCache(CacheUse use) {
        return new RequestRecord(requestId, keyId, userId, workspaceId, credentialId, requestedModel, route, provider,
                model, status, attempts, streamed, usage, costMicros, latencyMicros, timeToFirstTokenMicros, outcome,
                estimated, routeReason, operation, guardrails, use, experiment, experimentArm);
    }

    /** This record in {@code arm} of {@code name}, or as it is when {@code name} is null. */
    public RequestRecord withExperiment(String name, String arm) {
        return name == null ? this : new RequestRecord(requestId, keyId, userId, workspaceId, credentialId,
                requestedModel, route, provider, model, status, attempts, streamed, usage, costMicros, latencyMicros,
                timeToFirstTokenMicros, outcome, estimated, routeReason, operation, guardrails, cache, name, arm);
    }
}
