package io.keyroute.api.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.TokenCounts;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.FinishReason;

/**
 * Anthropic's stop_reason strings and usage object, both ways. Anthropic's {@code input_tokens}
 * excludes cache reads and writes; canonical prompt tokens include them, with cache reads as
 * {@code cachedTokens}.
 */
public final class AnthropicStopReasons {
    private AnthropicStopReasons() {
    }

    public static FinishReason read(String reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP; // end_turn, stop_sequence, pause_turn
        };
    }

    public static String write(FinishReason reason, String stopSequence) {
        if (reason == null) {
            return "end_turn";
        }
        return switch (reason) {
            case STOP -> stopSequence != null ? "stop_sequence" : "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
        };
    }

    /**
     * Anthropic's input_tokens leave cache reads and writes out; the canonical prompt holds all
     * three. The one-hour share of the writes is in {@code cache_creation.ephemeral_1h_input_tokens}.
     */
    public static Usage readUsage(JsonNode usage) {
        long input = TokenCounts.of(usage.path("input_tokens"));
        long cacheRead = TokenCounts.of(usage.path("cache_read_input_tokens"));
        long cacheWrite = TokenCounts.of(usage.path("cache_creation_input_tokens"));
        long cacheWrite1h = Math.min(cacheWrite, TokenCounts.of(usage.path("cache_creation").path("ephemeral_1h_input_tokens")));
        return new Usage(input + cacheRead + cacheWrite, TokenCounts.of(usage.path("output_tokens")), cacheRead, 0,
                cacheWrite, cacheWrite1h);
    }

    public static void writeUsage(ObjectNode out, Usage usage) {
        out.put("input_tokens", usage.promptTokens() - usage.cachedTokens() - usage.cacheWriteTokens());
        out.put("cache_creation_input_tokens", usage.cacheWriteTokens());
        out.put("cache_read_input_tokens", usage.cachedTokens());
        if (usage.cacheWriteTokens() > 0) {
            out.putObject("cache_creation")
                    .put("ephemeral_5m_input_tokens", usage.cacheWriteTokens() - usage.cacheWrite1hTokens())
                    .put("ephemeral_1h_input_tokens", usage.cacheWrite1hTokens());
        }
        out.put("output_tokens", usage.completionTokens());
    }
}
