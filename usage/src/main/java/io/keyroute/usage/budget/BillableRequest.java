package io.keyroute.usage.budget;

import java.util.List;
import java.util.Set;

/**
 * What a chat request can be billed for, read from its body before it is sent
 * ({@link BillableRequestReader}): the size of its prompt and what multiplies or adds to its cost.
 *
 * @param prompt          what the prompt is made of
 * @param tools           the tools it offers
 * @param cacheWrite      the longest prompt-cache write it asks for ({@code cache_control})
 * @param choices         OpenAI's {@code n}: each choice is billed its own output, the prompt once
 * @param maxOutputTokens the caller's output limit per choice, 0 when unset
 * @param predictionBytes UTF-8 bytes of an OpenAI {@code prediction}: rejected predicted tokens are billed as output
 * @param betas           the {@code anthropic-beta} values it turns on
 * @param serviceTier     the {@code service_tier} it asks for, or null
 */
public record BillableRequest(Prompt prompt, Tools tools, CacheWrite cacheWrite, int choices, int maxOutputTokens,
                              long predictionBytes, Set<String> betas, String serviceTier) {

    public BillableRequest {
        betas = Set.copyOf(betas);
    }

    /**
     * @param textBytes UTF-8 bytes of every text the model reads (message and system content, tool
     *                  calls and their arguments, tool definitions, response schemas); every token
     *                  of a byte-level tokenizer covers at least one of them
     * @param messages  messages, the system prompt counted as one: each is framed by the provider
     * @param names     messages with a {@code name}, which OpenAI frames with one more token
     * @param images    image parts, wherever they are (tool results included)
     * @param pdfPages  an upper bound of the pages of its PDF documents, wherever they are: counted
     *                  from an inline PDF's bytes ({@link io.keyroute.usage.tokens.PdfPages}), its
     *                  {@code MAX_PAGES} for one by URL or one whose pages cannot be counted
     * @param openEnded whether it refers to content the body does not carry (a file in a provider's
     *                  storage, a stored conversation): then only the model's window bounds it
     */
    public record Prompt(long textBytes, int messages, int names, int images, long pdfPages, boolean openEnded) {
    }

    /**
     * @param offered      whether any tool is offered, a {@code response_format} included (Anthropic
     *                     answers it through a tool): Anthropic then adds its tool-use system prompt
     * @param forced       whether {@code tool_choice} forces a tool call (any, tool, required, a named function)
     * @param builtInTokens what tools not in the body add for Anthropic: its own client tools' prompts
     *                     (bash, text editor, computer), Keyroute's JSON answer tool
     * @param serverSide   tools the provider runs and bills per use (web search, code execution, MCP servers)
     */
    public record Tools(boolean offered, boolean forced, long builtInTokens, List<String> serverSide) {
        public static final Tools NONE = new Tools(false, false, 0, List.of());

        public Tools {
            serverSide = List.copyOf(serverSide);
        }
    }

    /** The prompt-cache writes a request asks for, by their price: none, five minutes, one hour. */
    public enum CacheWrite { NONE, FIVE_MINUTES, ONE_HOUR }
}
