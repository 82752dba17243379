package io.keyroute.server.inference.attempts;

import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.catalog.Target;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.http.Bodies;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.routing.RetryPolicy;
import io.keyroute.routing.RoutePlan;
import io.keyroute.routing.health.CircuitBreaker;
import io.keyroute.routing.health.Health;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.usage.Charge;
import io.keyroute.server.telemetry.AttemptSpans;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Executes a {@link RoutePlan}: each target in order, retrying retryable failures with backoff,
 * moving on when a credential is refused, returning the provider's verdict at once when the
 * request itself is wrong. Once a delivery has started writing to the caller, there is no
 * failover. Targets whose provider or credential circuit is open (or opens during their retries)
 * are passed over, and named in the final error beside every attempt; a key rate limited or out of
 * quota rests and the same target is tried at once with the pool's next key (key pools); every
 * outcome feeds the circuits and latency figures in {@link Health}; total attempts and time are
 * bounded.
 */
public final class AttemptRunner {
    /** Error bodies are evidence, not payload: keep enough to quote. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final CredentialResolver credentials;
    private final Sleeper sleeper;
    private final Health health;
    private final Clock clock;
    private final AttemptListener listener;
    private final Watchdog watchdog;

    /**
     * @param listener told of failures, retries and fallbacks as they happen (metrics)
     * @param watchdog bounds each attempt as a whole (a provider's timeout bounds each read only)
     */
    public AttemptRunner(CredentialResolver credentials, Sleeper sleeper, Health health, Clock clock,
                         AttemptListener listener, Watchdog watchdog) {
        this.credentials = credentials;
        this.sleeper = sleeper;
        this.health = health;
        this.clock = clock;
        this.listener = listener;
        this.watchdog = watchdog;
    }

    /**
     * Runs a plan for any kind of call (chat, embeddings): {@code call} builds each target's request.
     *
     * @param choice         the stored credential to ask for first: the caller's, or the one a conversation is kept on
     * @param ownKeysAllowed false when the caller's plan allows only system keys
     */
    public <T> T run(GatewayRuntime runtime, UpstreamCall call, RoutePlan plan, Caller caller,
                     CredentialChoice choice, boolean ownKeysAllowed, Delivery<T> delivery) {
        Optional<String> credentialId = choice.asked();
        RetryPolicy policy = runtime.retryPolicy();
        Instant start = clock.instant();
        // Every attempt's failure and every candidate passed over for an open circuit, in order: the final 502 names them all.
        List<UpstreamError> outcomes = new ArrayList<>();
        List<Charge> billed = new ArrayList<>();
        ClientError noCredential = null;
        int number = 0;
        String lastCredentialId = null;
        targets:
        for (Target target : plan.targets()) {
            Provider provider = runtime.provider(target.providerId());
            Optional<String> pin = call.pinnedCredential(provider);
            Credential credential;
            try {
                credential = pin.isPresent() ? credentials.pinned(caller, provider, pin.get(), ownKeysAllowed)
                        : first(caller, provider, choice.firstOn(target), credentialId, ownKeysAllowed);
            } catch (ClientError e) {
                // A candidate we hold no key for is skipped; only if none is usable does the caller hear of it.
                noCredential = noCredential == null ? e : noCredential;
                continue;
            }
            UpstreamRequest upstream = build(call, provider, target, credential);
            Set<String> keysTried = null; // made on a key's first rest: most requests never need it
            Duration pause = Duration.ZERO;
            int onKey = 0; // attempts with this candidate's current key: what retry.max_attempts bounds
            for (int onTarget = 1; ; onTarget++) {
                if (!policy.mayAttempt(number, Duration.between(start, clock.instant()), pause)) {
                    break targets;
                }
                if (!pause.isZero()) {
                    sleeper.sleep(pause);
                }
                if (!acquire(target, credential)) {
                    outcomes.add(circuitOpen(target));
                    continue targets;
                }
                if (onTarget > 1) {
                    listener.retried(target.providerId());
                } else if (number > 0) {
                    listener.fellBack(target.providerId());
                }
                number++;
                onKey++;
                lastCredentialId = credential.id();
                // Each attempt its own span (siblings under the request's), named upstream as the traceparent's parent.
                Span span = call.attemptSpan(provider, target, credential, number, upstream.uri());
                UpstreamError failure;
                try {
                    T delivered = deliver(delivery, call(provider, target, credential,
                            AttemptSpans.propagate(span, upstream), number, billed, outcomes, span));
                    span.end();
                    return delivered;
                } catch (UpstreamError e) {
                    failure = e;
                } catch (BilledFailure e) {
                    failure = e.error();
                    billed.add(e.charge());
                    AttemptSpans.usage(span, e.charge().usage(), e.charge().estimated());
                } catch (RuntimeException e) {
                    // Not the upstream's verdict (e.g. the caller vanished): give back any probe slot taken.
                    health.provider(target.providerId()).release();
                    health.credential(target.providerId(), credential.id()).release();
                    AttemptSpans.failed(span, e);
                    throw e;
                }
                AttemptSpans.failed(span, failure);
                health.failed(target, credential.id(), failure);
                listener.upstreamFailed(target.providerId(), failure);
                outcomes.add(failure);
                if (restKey(credential, failure) && pin.isEmpty()) { // a pinned key has no pool to move on in
                    keysTried = keysTried == null ? new HashSet<>() : keysTried;
                    keysTried.add(credential.id());
                    Optional<Credential> next = nextPooledKey(caller, provider, credentialId, ownKeysAllowed, keysTried);
                    if (next.isPresent()) { // the limit was this key's: the pool's next key goes at once
                        credential = next.get();
                        upstream = build(call, provider, target, credential);
                        onKey = 0;
                        pause = Duration.ZERO;
                        continue;
                    }
                }
                RetryPolicy.Action action = policy.decide(failure, onKey);
                if (action == RetryPolicy.Action.RETURN_TO_CALLER) {
                    throw new PlanFailed(failure, number, billed, lastCredentialId);
                }
                if (action == RetryPolicy.Action.NEXT_CANDIDATE) {
                    break;
                }
                pause = policy.backoff(onKey, failure);
            }
        }
        if (number == 0 && noCredential != null || outcomes.isEmpty()) {
            throw new PlanFailed(noCredential != null ? noCredential : circuitOpen(plan.targets().getFirst()), 0, billed,
                    null);
        }
        throw new PlanFailed(UpstreamError.exhausted(outcomes), number, billed, lastCredentialId);
    }

    /** The credential asked for first; one revoked since routing looked counts as never asked for. */
    private Credential first(Caller caller, Provider provider, Optional<String> first, Optional<String> asked,
                             boolean ownKeysAllowed) {
        if (first.isPresent() && !first.equals(asked)) {
            try {
                return credentials.resolve(caller, provider, first, ownKeysAllowed);
            } catch (ClientError gone) {
                // the conversation's credential went between routing and now: the usual one serves
            }
        }
        return credentials.resolve(caller, provider, asked, ownKeysAllowed);
    }

    /** A stored credential may carry its own endpoint (e.g. a self-hosted OpenAI-compatible server). */
    private static UpstreamRequest build(UpstreamCall call, Provider provider, Target target, Credential credential) {
        URI baseUrl = credential.baseUrl() != null ? credential.baseUrl() : provider.baseUrl();
        return call.build(provider, target, credential, baseUrl);
    }

    /** A rate limit or a spent quota rests the key (key pools); whether it did. */
    private boolean restKey(Credential credential, UpstreamError failure) {
        if (failure.quotaExhausted()) {
            credentials.quotaExhausted(credential);
            return true;
        }
        if (failure.upstreamStatus() == 429) {
            credentials.rateLimited(credential, failure.retryAfter());
            return true;
        }
        return false;
    }

    /** The key the pool offers now, if it is one this candidate has not tried in this request. */
    private Optional<Credential> nextPooledKey(Caller caller, Provider provider, Optional<String> credentialId,
                                               boolean ownKeysAllowed, Set<String> tried) {
        try {
            Credential next = credentials.resolve(caller, provider, credentialId, ownKeysAllowed);
            return tried.contains(next.id()) ? Optional.empty() : Optional.of(next);
        } catch (ClientError e) {
            return Optional.empty(); // the pool changed under us: the policy decides as for any key
        }
    }

    /** Both circuits (provider, credential) must let the call through; a refused probe slot is given back. */
    private boolean acquire(Target target, Credential credential) {
        CircuitBreaker provider = health.provider(target.providerId());
        if (!provider.tryAcquire()) {
            return false;
        }
        if (!health.credential(target.providerId(), credential.id()).tryAcquire()) {
            provider.release();
            return false;
        }
        return true;
    }

    private static UpstreamError circuitOpen(Target target) {
        return UpstreamError.circuitOpen(target.providerId(), "its circuit is open after repeated failures; try again shortly");
    }

    /** The provider's timeout bounds the whole call: sending, the headers, and a whole answer (a stream re-arms it). */
    private Attempt call(Provider provider, Target target, Credential credential, UpstreamRequest upstream, int number,
                         List<Charge> billed, List<UpstreamError> failed, Span span) {
        Instant sent = clock.instant();
        Watchdog.Watch deadline = watchdog.watch(); // while sending, it interrupts this thread's socket I/O
        deadline.arm(provider.timeout());
        UpstreamExchange exchange;
        try {
            exchange = provider.transport().send(provider.id(), upstream, provider.timeout());
        } catch (RuntimeException e) {
            deadline.close();
            throw deadline.expired() ? UpstreamError.timeout(provider.id(), provider.timeout()) : e;
        }
        deadline.onExpiry(exchange::cancel); // from here a blocked read is ended by cancelling the call
        deadline.clearInterrupt();
        if (deadline.expired()) { // it ran out as the headers came in
            exchange.cancel();
        }
        int status = exchange.status();
        if (status >= 200 && status < 300) {
            health.succeeded(target, credential.id(), Duration.between(sent, clock.instant()).toMillis());
            return new Attempt(target, provider, credential, exchange, number, List.copyOf(billed),
                    failed.isEmpty() ? List.of() : List.copyOf(failed), deadline, span);
        }
        try (exchange; deadline) {
            byte[] body = readErrorBody(exchange);
            throw provider.adapter().mapError(provider.id(), status, exchange::header, body, credential.apiKey());
        }
    }

    private static <T> T deliver(Delivery<T> delivery, Attempt attempt) {
        try (var deadline = attempt.deadline()) {
            return delivery.deliver(attempt);
        }
    }

    private static byte[] readErrorBody(UpstreamExchange exchange) {
        try {
            return Bodies.readAtMost(exchange.body(), Bodies.declaredLength(exchange.header("content-length")), MAX_ERROR_BODY);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    /** Builds the native request for one target of a plan. */
    @FunctionalInterface
    public interface UpstreamCall {
        UpstreamRequest build(Provider provider, Target target, Credential credential, URI baseUrl);

        /**
         * The one credential this call must use at {@code provider} (the key that made the conversation
         * it continues there), or empty for the usual resolution.
         */
        default Optional<String> pinnedCredential(Provider provider) {
            return Optional.empty();
        }

        /**
         * The span of attempt {@code number}, a child of the request's; {@link Span#getInvalid()} (no
         * span, nothing allocated) when the request is not traced.
         */
        default Span attemptSpan(Provider provider, Target target, Credential credential, int number, URI uri) {
            return Span.getInvalid();
        }
    }

    /** Pauses between retries; tests replace it so they never wait for real time. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration);

        static Sleeper real() {
            return duration -> {
                try {
                    Thread.sleep(duration);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw UpstreamError.connect("keyroute", "interrupted while backing off");
                }
            };
        }
    }
}
