package io.keyroute.api.canonical;

import java.util.List;

/**
 * A chat request in no provider's shape. System prompts are {@link Role#SYSTEM} messages wherever
 * they stood; a format that hoists them (Anthropic, Gemini) does so when writing.
 *
 * @param includeUsage whether a streaming caller wants usage reported (always asked of upstreams)
 */
public record CanonicalRequest(String model, List<Message> messages, List<Tool> tools, ToolChoice toolChoice,
                               Params params, boolean stream, boolean includeUsage) {

    public CanonicalRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        params = params == null ? Params.NONE : params;
    }
}
