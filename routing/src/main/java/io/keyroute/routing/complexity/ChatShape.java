package io.keyroute.routing.complexity;

import java.util.List;
import java.util.OptionalInt;

/**
 * What the classifier and the capability checks read from a chat request, whatever its wire
 * format. {@link ChatBodyShape} reads it from the caller's body (OpenAI or Anthropic); a canonical
 * request can implement this directly.
 */
public interface ChatShape {

    /** Every text the model will read (system, user, assistant, tool results, tool-call arguments), in order. */
    List<String> texts();

    /** The user's last message text, where cues about the task are; empty if none. */
    String lastUserText();

    /** Messages other than system/developer ones. */
    int turns();

    /** Image parts across all messages. */
    int images();

    /** PDF documents (inline or by URL) across all messages: plain-text documents are text. */
    int documents();

    /** Tool (function) definitions offered to the model. */
    int tools();

    /** Characters of the tool definitions, which count towards the prompt. */
    int toolDefinitionChars();

    /** Whether the caller asked for JSON output ({@code response_format}). */
    boolean wantsJson();

    /** The caller's output limit ({@code max_tokens} / {@code max_completion_tokens}), if given. */
    OptionalInt maxOutputTokens();

    /** Whether the caller asked for a stream. */
    boolean stream();

    /**
     * What in the request only OpenAI's own Responses API can serve (its built-in tools, their
     * items, state it keeps), each named by where it is; empty for a request every provider serves.
     */
    default List<String> openAiResponsesOnly() {
        return List.of();
    }
}
