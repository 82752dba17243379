package io.keyroute.api.wire.openai;

import io.keyroute.api.TokenCounts;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.FinishReason;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** OpenAI's finish_reason strings and usage object, both ways. */
public final class OpenAiFinishReasons {
    private OpenAiFinishReasons() {
    }

    public static FinishReason read(String reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }

    public static String write(FinishReason reason) {
        if (reason == null) {
            return "stop";
        }
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    /** {@code usage} as OpenAI (and DeepSeek, with prompt_cache_hit_tokens) report it. */
    public static Usage readUsage(JsonNode usage) {
        long cached = TokenCounts.of(usage.path("prompt_tokens_details").path("cached_tokens"),
                TokenCounts.of(usage.path("prompt_cache_hit_tokens")));
        return new Usage(TokenCounts.of(usage.path("prompt_tokens")), TokenCounts.of(usage.path("completion_tokens")),
                cached, TokenCounts.of(usage.path("completion_tokens_details").path("reasoning_tokens")));
    }

    /**
     * The {@code usage} object the parser stands on (its {@code START_OBJECT}), read token by token to its end, as
     * {@link #readUsage(JsonNode)} reads its tree: a tree of it (an ObjectReader with its context per call) cost
     * more than the scan of the whole answer before it. Each value reads as {@link JsonNode#asLong(long)} reads it
     * ({@link TokenCounts#of(JsonParser, long)}); a field given twice counts as given last, as in a tree.
     */
    public static Usage readUsage(JsonParser parser) throws IOException {
        long prompt = 0;
        long completion = 0;
        long cacheHits = 0;
        long reasoning = 0;
        Long cached = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "prompt_tokens" -> prompt = TokenCounts.of(parser, 0);
                case "completion_tokens" -> completion = TokenCounts.of(parser, 0);
                case "prompt_cache_hit_tokens" -> cacheHits = TokenCounts.of(parser, 0);
                case "prompt_tokens_details" -> cached = TokenCounts.ofField(parser, "cached_tokens");
                case "completion_tokens_details" -> {
                    Long value = TokenCounts.ofField(parser, "reasoning_tokens");
                    reasoning = value == null ? 0 : value;
                }
                default -> parser.skipChildren();
            }
        }
        return new Usage(prompt, completion, cached == null ? cacheHits : cached, reasoning);
    }

    /**
     * The {@code service_tier} an answer or chunk says served it, as {@link Usage#serviceTier()} holds
     * it: null for none or the standard tier ({@code default}).
     */
    public static String servedTier(String serviceTier) {
        return "default".equals(serviceTier) ? null : serviceTier;
    }

    /**
     * {@code CompletionUsage}: prompt tokens include cache reads ({@code cached_tokens}) and writes,
     * which {@code cache_write_tokens} gives where there are any (an Anthropic answer's cache writes).
     */
    public static void writeUsage(ObjectNode out, Usage usage) {
        out.put("prompt_tokens", usage.promptTokens());
        out.put("completion_tokens", usage.completionTokens());
        out.put("total_tokens", usage.totalTokens());
        ObjectNode promptDetails = out.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
        if (usage.cacheWriteTokens() > 0) {
            promptDetails.put("cache_write_tokens", usage.cacheWriteTokens());
        }
        out.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
    }
}
