package io.keyroute.server.inference;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.catalog.Target;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.providers.TokenCountAdapter;
import io.keyroute.providers.http.Bodies;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.translate.Translation;
import io.keyroute.routing.RoutePlan;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.inference.attempts.CallerPlan;
import io.keyroute.server.inference.attempts.CredentialResolver;
import io.keyroute.server.inference.attempts.Watchdog;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.usage.tokens.CanonicalPrompt;
import io.keyroute.usage.tokens.Prompt;
import io.keyroute.usage.tokens.TokenCount;
import io.keyroute.usage.tokens.TokenCounters;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a prompt's tokens on the first target of a plan the caller has a credential for: the
 * provider's own count when its adapter has one for the request ({@link TokenCountAdapter}: Anthropic's
 * {@code count_tokens}, Gemini's {@code countTokens}, OpenAI's {@code input_tokens} for a Responses body),
 * sent with that credential; else Keyroute's tokenizer over the translated prompt (usage's
 * {@link TokenCounters}: the model's own encoding for OpenAI models, the o200k count labelled an
 * approximation for the rest). A key the provider refuses (401/403) is the caller's error; any other
 * failure of the count call (down, slow, an error, an unreadable answer) is answered by the local count.
 */
public final class PromptCounter {
    private static final Logger LOG = LoggerFactory.getLogger(PromptCounter.class);
    /** A count answer is a few dozen bytes; an error quoted back is cut as the attempts cut theirs. */
    private static final int MAX_ANSWER = 64 * 1024;
    /** What {@link Counted#method()} says of a count the provider made. */
    static final String BY_PROVIDER = "provider";

    private final CredentialResolver credentials;
    private final Translation translation;
    private final Watchdog watchdog;
    private final TokenCounters tokenizers = new TokenCounters();

    /** @param watchdog bounds each count call as a whole (a provider's timeout bounds each read only) */
    public PromptCounter(CredentialResolver credentials, Clock clock, Watchdog watchdog) {
        this.credentials = credentials;
        this.translation = new Translation(clock);
        this.watchdog = watchdog;
    }

    /** The target that counts and the caller's credential for it. */
    record Chosen(Provider provider, Target target, Credential credential) {
    }

    /**
     * A count and how it was made.
     *
     * @param method {@value #BY_PROVIDER}, or the local count's {@link TokenCount#kind()}
     */
    record Counted(long tokens, String method) {
    }

    /**
     * The first target of {@code plan} the caller has a credential for.
     *
     * @param pins the one credential a provider must be called with for this request, if any (a
     *             conversation the provider keeps lives with the key that made it)
     * @throws ClientError when there is none (the last target's reason)
     */
    Chosen choose(GatewayRuntime runtime, Caller caller, RoutePlan plan, Optional<String> credentialId,
                  Function<Provider, Optional<String>> pins) {
        boolean ownKeysAllowed = CallerPlan.of(runtime.config(), caller).ownKeysAllowed();
        ClientError unreachable = null;
        for (Target target : plan.targets()) {
            Provider provider = runtime.provider(target.providerId());
            Optional<String> pin = pins.apply(provider);
            try {
                return new Chosen(provider, target, pin.isPresent()
                        ? credentials.pinned(caller, provider, pin.get(), ownKeysAllowed)
                        : credentials.resolve(caller, provider, credentialId, ownKeysAllowed));
            } catch (ClientError noCredential) {
                unreachable = noCredential;
            }
        }
        throw unreachable != null ? unreachable : new IllegalStateException("a route plan with no target");
    }

    /**
     * @param chat the request as a chat, as the chosen provider is given it
     * @throws UpstreamError when the provider refused the credential
     */
    Counted count(Chosen chosen, ChatRequest chat) {
        return byProvider(chosen.provider(), chosen.target(), chosen.credential(), chat)
                .map(tokens -> new Counted(tokens, BY_PROVIDER))
                .orElseGet(() -> locally(chosen, chat));
    }

    /** The provider's count, or empty when it has none for this request or its count call failed. */
    private Optional<Long> byProvider(Provider provider, Target target, Credential credential, ChatRequest chat) {
        if (!(provider.adapter() instanceof TokenCountAdapter adapter)) {
            return Optional.empty();
        }
        URI baseUrl = credential.baseUrl() != null ? credential.baseUrl() : provider.baseUrl();
        Optional<UpstreamRequest> call = adapter.toUpstreamCount(chat, target.upstreamModel(), baseUrl, credential);
        if (call.isEmpty()) {
            return Optional.empty();
        }
        // The provider's timeout bounds the whole call, as an attempt's: a caller's base_url that trickles
        // its answer a byte per read would otherwise hold this request (and its in-flight slot) for hours.
        try (Watchdog.Watch deadline = watchdog.watch()) {
            deadline.arm(provider.timeout()); // while sending, it interrupts this thread's socket I/O
            return countedBy(provider, adapter, credential, call.get(), deadline);
        }
    }

    private Optional<Long> countedBy(Provider provider, TokenCountAdapter adapter, Credential credential,
                                     UpstreamRequest call, Watchdog.Watch deadline) {
        try (UpstreamExchange answer = provider.transport().send(provider.id(), call, provider.timeout())) {
            deadline.onExpiry(answer::cancel); // from here a blocked read is ended by cancelling the call
            deadline.clearInterrupt();
            if (deadline.expired()) {
                answer.cancel();
            }
            byte[] body = Bodies.readAtMost(answer.body(), Bodies.declaredLength(answer.header("content-length")),
                    MAX_ANSWER);
            int status = answer.status();
            if (status >= 200 && status < 300) {
                return Optional.of(adapter.fromUpstreamCount(body));
            }
            UpstreamError error = provider.adapter().mapError(provider.id(), status, answer::header, body,
                    credential.apiKey());
            if (error.credentialRejected()) {
                throw error;
            }
            LOG.info("token count by {} answered {}, counted locally", provider.id(), status);
        } catch (UpstreamError failed) {
            if (failed.credentialRejected()) {
                throw failed;
            }
            LOG.info("token count by {} failed ({}), counted locally", provider.id(), failed.kind());
        } catch (IOException | RuntimeException unreadable) {
            LOG.info("token count by {} {} ({}), counted locally", provider.id(),
                    deadline.expired() ? "timed out" : "unreadable", unreadable.getClass().getSimpleName());
        }
        return Optional.empty();
    }

    /**
     * The tokenizer's count of the prompt, plus its PDF pages at the provider's per-page cost
     * ({@link io.keyroute.api.PromptFraming#pdfPageTokens()}, the bound a reservation uses), since a
     * provider bills a PDF by its pages, not by the tokens of its bytes.
     */
    private Counted locally(Chosen chosen, ChatRequest chat) {
        Prompt prompt = CanonicalPrompt.read(translation.canonical(chat));
        TokenCount text = tokenizers.forModel(chosen.target().upstreamModel()).count(prompt);
        long pages = prompt.pdfPages() * chosen.provider().kind().promptFraming().pdfPageTokens();
        return new Counted(text.tokens() + pages, text.kind());
    }
}
