package io.keyroute.usage.budget;

import io.keyroute.api.PromptFraming;
import io.keyroute.catalog.Capability;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.usage.Price;
import io.keyroute.usage.budget.BillableRequest.CacheWrite;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * The most a request can cost, in micro-dollars, before it is sent: what a budget reserves. It
 * must never be below what the request is then billed, so every part is an upper bound; within
 * that, it is as tight as the request lets it be (no cache-write price unless the request writes
 * a cache, no provider overhead the provider does not add).
 */
public final class CostBound {
    /**
     * Prompt tokens allowed per image, above the largest per-image charge we know: gpt-4o-mini
     * bills a high-detail image at 2,833 + 8 tiles × 5,667 = 48,169 tokens.
     */
    public static final int TOKENS_PER_IMAGE = 50_000;
    /**
     * What {@link #promptTokens(int, int)} adds for the provider when only the body's size is known:
     * above every provider's framing plus Anthropic's largest tool-use system prompt (530).
     */
    public static final int PROVIDER_PROMPT_TOKENS = 1_000;
    /** Output assumed when neither the caller nor the catalog's max output or context window bounds it. */
    public static final int UNKNOWN_MAX_OUTPUT_TOKENS = 128_000;
    /** Prompt assumed for content the body does not carry when the catalog knows no context window. */
    public static final int UNKNOWN_CONTEXT_WINDOW = 1_000_000;

    private CostBound() {
    }

    /** A target the request may reach: its catalog entry and the framing of the API it is served through. */
    public record Target(ModelInfo model, PromptFraming framing) {
    }

    /**
     * A coarse upper bound of the prompt's tokens from the body's size alone: every text token
     * covers at least one byte of the request body (JSON escaping only adds bytes), images are
     * billed by size, not by body bytes. For requests whose body is not read ({@link BillableRequest}).
     */
    public static long promptTokens(int bodyBytes, int images) {
        return (long) bodyBytes + (long) images * TOKENS_PER_IMAGE + PROVIDER_PROMPT_TOKENS;
    }

    /**
     * An upper bound of the prompt tokens {@code target} can bill for {@code request}: its text's
     * UTF-8 bytes (a token of a byte-level tokenizer covers at least one), each image's allowance, each
     * PDF page at the API's page rate and the API's own framing, within the model's context window (the long-context one when the request
     * opens it). Content the body does not carry is bounded by the window alone.
     */
    public static long promptTokens(BillableRequest request, Target target) {
        ModelInfo model = target.model();
        Integer window = model.contextWindow(request.betas());
        if (request.prompt().openEnded()) {
            return window != null ? window : UNKNOWN_CONTEXT_WINDOW;
        }
        long tokens = request.prompt().textBytes() + (long) request.prompt().images() * TOKENS_PER_IMAGE
                + request.prompt().pdfPages() * target.framing().pdfPageTokens()
                + overheadTokens(target.framing(), request, model.target().upstreamModel());
        return window == null ? tokens : Math.min(tokens, window);
    }

    /**
     * The highest cost of {@code request} among {@code targets} (failover may reach any of them), each
     * at its list price (its long-context price when the prompt bound is above that threshold), rounded
     * up. Unpriced models count nothing: their cost is unknown to the ledger too.
     */
    public static long maxMicros(Collection<Target> targets, BillableRequest request) {
        long max = 0;
        for (Target target : targets) {
            long prompt = promptTokens(request, target);
            var price = Price.of(target.model(), prompt);
            if (price.isPresent()) {
                long output = outputTokens(target.model(), request.maxOutputTokens()) * request.choices()
                        + request.predictionBytes();
                max = Math.max(max, micros(promptPrice(price.get(), target.framing(), request.cacheWrite()), prompt,
                        price.get().outputPerMtok(), output));
            }
        }
        return max;
    }

    /**
     * The highest cost among {@code models} for a prompt of {@code promptTokens} (from
     * {@link #promptTokens(int, int)}), any prompt token at the dearest of its input and cache prices.
     *
     * @param requestedOutputTokens the caller's output limit, 0 when unset (then the model's maximum)
     */
    public static long maxMicros(Collection<ModelInfo> models, long promptTokens, int requestedOutputTokens) {
        long max = 0;
        for (ModelInfo model : models) {
            long prompt = promptTokens(model, promptTokens);
            var price = Price.of(model, prompt);
            if (price.isPresent()) {
                Price p = price.get();
                BigDecimal input = p.inputPerMtok().max(p.cachedInputPerMtok()).max(p.cacheWritePerMtok())
                        .max(p.cacheWrite1hPerMtok());
                max = Math.max(max, micros(input, prompt, p.outputPerMtok(), outputTokens(model, requestedOutputTokens)));
            }
        }
        return max;
    }

    /** The prompt tokens {@code framing}'s API adds to {@code request}'s own text for {@code upstreamModel}. */
    static long overheadTokens(PromptFraming framing, BillableRequest request, String upstreamModel) {
        var prompt = request.prompt();
        long tokens = (long) prompt.messages() * framing.perMessage() + prompt.names() + framing.replyPriming();
        if (request.tools().offered()) {
            tokens += framing.addsToolUseSystemPrompt()
                    ? AnthropicToolPrompt.systemPromptTokens(upstreamModel, request.tools().forced())
                    + request.tools().builtInTokens()
                    : framing.toolFraming();
        }
        return tokens;
    }

    /**
     * The dearest price a prompt token can be billed at: the input price, or a cache-write price
     * when the API bills the writes the request asks for. A cache read is never dearer than input,
     * but a catalog entry may say otherwise, so it is taken as well.
     */
    private static BigDecimal promptPrice(Price price, PromptFraming framing, CacheWrite cacheWrite) {
        BigDecimal dearest = price.inputPerMtok().max(price.cachedInputPerMtok());
        if (!framing.billsCacheWrites() || cacheWrite == CacheWrite.NONE) {
            return dearest;
        }
        dearest = dearest.max(price.cacheWritePerMtok());
        return cacheWrite == CacheWrite.ONE_HOUR ? dearest.max(price.cacheWrite1hPerMtok()) : dearest;
    }

    private static long micros(BigDecimal promptPrice, long prompt, BigDecimal outputPrice, long output) {
        return promptPrice.multiply(BigDecimal.valueOf(prompt)).add(outputPrice.multiply(BigDecimal.valueOf(output)))
                .setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** {@code promptTokens} within what {@code model} accepts as one prompt. */
    public static long promptTokens(ModelInfo model, long promptTokens) {
        // A chat model refuses a prompt beyond its window; an embeddings request may carry many inputs.
        if (model.contextWindow() != null && !model.has(Capability.EMBEDDINGS)) {
            return Math.min(promptTokens, model.contextWindow());
        }
        return promptTokens;
    }

    /** The most output {@code model} can bill for a request whose output limit is {@code requested} (0: unset). */
    public static long outputTokens(ModelInfo model, int requested) {
        Integer modelMax = model.maxOutputTokens();
        if (requested > 0) {
            return modelMax == null ? requested : Math.min(requested, modelMax);
        }
        if (modelMax != null) {
            return modelMax;
        }
        if (model.has(Capability.EMBEDDINGS)) {
            return 0;
        }
        return model.contextWindow() != null ? model.contextWindow() : UNKNOWN_MAX_OUTPUT_TOKENS;
    }
}
