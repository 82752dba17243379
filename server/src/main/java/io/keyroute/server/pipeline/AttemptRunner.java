package io.keyroute.server.pipeline;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.providers.UpstreamRequest;
import io.keyroute.providers.http.Bodies;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.routing.RetryPolicy;
import io.keyroute.routing.RoutePlan;
import io.keyroute.routing.Target;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.runtime.GatewayRuntime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Executes a {@link RoutePlan}: each target in order, retrying retryable failures with backoff,
 * moving on when a credential is refused, returning the provider's verdict at once when the
 * request itself is wrong. Once a delivery has started writing to the caller, there is no
 * failover.
 */
public final class AttemptRunner {
    /** Error bodies are evidence, not payload: keep enough to quote. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final CredentialResolver credentials;
    private final Sleeper sleeper;

    public AttemptRunner(CredentialResolver credentials, Sleeper sleeper) {
        this.credentials = credentials;
        this.sleeper = sleeper;
    }

    public <T> T run(GatewayRuntime runtime, ChatRequest request, RoutePlan plan, Caller caller,
                     Optional<String> credentialId, Delivery<T> delivery) {
        RetryPolicy policy = runtime.retryPolicy();
        List<UpstreamError> failures = new ArrayList<>();
        ClientError missingCredential = null;
        int number = 0;
        for (Target target : plan.targets()) {
            Provider provider = runtime.provider(target.providerId());
            Credential credential;
            try {
                credential = credentials.resolve(caller, provider, credentialId);
            } catch (ClientError e) {
                // A candidate we hold no key for is skipped; only if none is usable does the caller hear of it.
                missingCredential = missingCredential == null ? e : missingCredential;
                continue;
            }
            UpstreamRequest upstream = provider.adapter().toUpstream(request, target.upstreamModel(),
                    credential.baseUrl() != null ? credential.baseUrl() : provider.baseUrl(), credential);
            for (int onTarget = 1; ; onTarget++) {
                number++;
                UpstreamError failure;
                try {
                    return delivery.deliver(call(provider, target, credential, upstream, number));
                } catch (UpstreamError e) {
                    failure = e;
                }
                failures.add(failure);
                if (failure.upstreamStatus() == 429) {
                    credentials.rateLimited(credential, failure.retryAfter());
                }
                RetryPolicy.Action action = policy.decide(failure, onTarget);
                if (action == RetryPolicy.Action.RETURN_TO_CALLER) {
                    throw new PlanFailed(failure, number);
                }
                if (action == RetryPolicy.Action.NEXT_CANDIDATE) {
                    break;
                }
                sleeper.sleep(policy.backoff(onTarget, failure));
            }
        }
        if (failures.isEmpty()) {
            throw new PlanFailed(missingCredential, 0);
        }
        throw new PlanFailed(UpstreamError.exhausted(failures), number);
    }

    private Attempt call(Provider provider, Target target, Credential credential, UpstreamRequest upstream, int number) {
        UpstreamExchange exchange = provider.transport().send(provider.id(), upstream, provider.timeout());
        int status = exchange.status();
        if (status >= 200 && status < 300) {
            return new Attempt(target, provider, credential, exchange, number);
        }
        try (exchange) {
            byte[] body = readErrorBody(exchange);
            throw provider.adapter().mapError(provider.id(), status, exchange::header, body);
        }
    }

    private static byte[] readErrorBody(UpstreamExchange exchange) {
        try {
            return Bodies.readAtMost(exchange.body(), MAX_ERROR_BODY);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
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
