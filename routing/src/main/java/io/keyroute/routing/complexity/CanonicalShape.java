package io.keyroute.routing.complexity;

import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.ResponseFormat;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.wire.JsonSizes;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A {@link ChatShape} read from a {@link CanonicalRequest}: for a caller format whose body is not a
 * chat's ({@code messages}), such as OpenAI's Responses API, whose reader translates it anyway. It
 * reads what {@link ChatBodyShape} reads of a body: texts (tool calls' arguments and results
 * included, each part's own string, never copied), turns, images, PDF documents, tools and their definitions, JSON mode, the output limit,
 * the stream; and, given by the caller format's reader, what the translation left out that only
 * OpenAI's own Responses API serves.
 */
public record CanonicalShape(List<String> texts, String lastUserText, int turns, int images, int documents, int tools,
                             int toolDefinitionChars, boolean wantsJson, OptionalInt maxOutputTokens,
                             boolean stream, List<String> openAiResponsesOnly) implements ChatShape {

    public CanonicalShape {
        openAiResponsesOnly = List.copyOf(openAiResponsesOnly);
    }

    /** @param openAiResponsesOnly what the translation left out that only OpenAI's Responses API serves */
    public static CanonicalShape of(CanonicalRequest request, List<String> openAiResponsesOnly) {
        List<String> texts = new ArrayList<>();
        Message lastUser = null;
        int turns = 0;
        int images = 0;
        int documents = 0;
        for (Message message : request.messages()) {
            if (message.role() != Role.SYSTEM) {
                turns++;
            }
            for (Part part : message.parts()) {
                documents += part instanceof Part.Document d && d.isPdf() ? 1 : 0;
                images += switch (part) {
                    case Part.Image ignored -> 1;
                    case Part.ToolResult result -> (int) result.content().stream().filter(Part.Image.class::isInstance).count();
                    default -> 0;
                };
                addTexts(part, texts);
            }
            if (message.role() == Role.USER && !message.parts().stream().allMatch(Part.ToolResult.class::isInstance)) {
                lastUser = message;
            }
        }
        int definitionChars = 0;
        for (Tool tool : request.tools()) {
            definitionChars += tool.name().length() + (tool.description() == null ? 0 : tool.description().length())
                    + (tool.parameters() == null ? 0 : (int) JsonSizes.chars(tool.parameters()));
        }
        ResponseFormat format = request.params().responseFormat();
        Integer limit = request.params().maxTokens();
        return new CanonicalShape(List.copyOf(texts), userText(lastUser), turns, images, documents, request.tools().size(),
                definitionChars,
                format != null && format.kind() != ResponseFormat.Kind.TEXT,
                limit == null ? OptionalInt.empty() : OptionalInt.of(limit), request.stream(), openAiResponsesOnly);
    }

    /** A part's texts, each the request's own string: a long conversation is read, not copied. */
    private static void addTexts(Part part, List<String> texts) {
        switch (part) {
            case Part.Text t -> texts.add(t.text());
            case Part.ToolCall call -> texts.add(call.arguments());
            case Part.ToolResult result -> result.content().forEach(inner -> addTexts(inner, texts));
            case Part.Document d -> {
                if (d.text() != null) {
                    texts.add(d.text());
                }
            }
            case Part.Image ignored -> {
            }
            case Part.Reasoning ignored -> {
            }
            case Part.RedactedReasoning ignored -> {
            }
        }
    }

    /** A user message's own words: its text parts joined (the one part's string itself when it has one). */
    private static String userText(Message message) {
        if (message == null) {
            return "";
        }
        List<String> parts = message.parts().stream().filter(Part.Text.class::isInstance)
                .map(part -> ((Part.Text) part).text()).toList();
        return parts.size() == 1 ? parts.getFirst() : String.join("", parts);
    }
}
