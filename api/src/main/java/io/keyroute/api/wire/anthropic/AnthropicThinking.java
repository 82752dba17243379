package io.keyroute.api.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Thinking;
import io.keyroute.api.canonical.ToolChoice;
import io.keyroute.api.wire.ThinkingBudgets;

/**
 * A translated request's {@link Thinking} → Anthropic's {@code thinking: {type: "enabled",
 * budget_tokens}}, within what Anthropic accepts:
 * <ul>
 *   <li>the budget must be at least 1024 and below {@code max_tokens}, which counts thinking too (as
 *       OpenAI's {@code max_output_tokens} counts reasoning): a caller's limit is kept (it bounds what
 *       the caller pays) and the budget lowered under it, no thinking when 1024 no longer fits; without
 *       a caller's limit, {@code max_tokens} is the default plus the budget, so the answer keeps its room;</li>
 *   <li>no thinking with a forced tool choice ({@code any}, a named tool), which Anthropic refuses;</li>
 *   <li>no thinking when the turn being continued called tools without a thinking block first:
 *       Anthropic refuses such a turn while thinking is on (a caller who dropped the reasoning items).</li>
 * </ul>
 */
final class AnthropicThinking {
    private AnthropicThinking() {
    }

    /** Writes {@code thinking} into {@code body} (whose {@code max_tokens} and messages are written); whether it did. */
    static boolean write(ObjectNode body, CanonicalRequest request, int defaultMaxTokens) {
        Thinking thinking = request.params().thinking();
        if (thinking == null || forcedTool(request.toolChoice()) || !lastToolTurnThinks(body.path("messages"))) {
            return false;
        }
        int budget = ThinkingBudgets.budget(thinking);
        Integer limit = request.params().maxTokens();
        if (limit != null) {
            budget = Math.min(budget, limit - 1);
        }
        if (budget < ThinkingBudgets.ANTHROPIC_MIN_BUDGET) {
            return false;
        }
        if (limit == null) {
            body.put("max_tokens", defaultMaxTokens + budget);
        }
        body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        return true;
    }

    private static boolean forcedTool(ToolChoice choice) {
        return choice != null && (choice.mode() == ToolChoice.Mode.ANY || choice.mode() == ToolChoice.Mode.NAMED);
    }

    /** Whether the last assistant turn, if it called tools, begins with a (redacted) thinking block. */
    private static boolean lastToolTurnThinks(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode turn = messages.get(i);
            if (!"assistant".equals(turn.path("role").asText())) {
                continue;
            }
            JsonNode content = turn.path("content");
            boolean callsTools = false;
            for (JsonNode block : content) {
                callsTools |= "tool_use".equals(block.path("type").asText());
            }
            String first = content.path(0).path("type").asText();
            return !callsTools || "thinking".equals(first) || "redacted_thinking".equals(first);
        }
        return true;
    }
}
