package io.keyroute.routing.complexity;

import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.ResponseFormat;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A {@link ChatShape} read from a {@link CanonicalRequest}: for a caller format whose body is not a
 * chat's ({@code messages}), such as OpenAI's Responses API, whose reader translates it anyway. It
 * reads what {@link ChatBodyShape} reads of a body: texts (tool calls' arguments and results
 * included), turns, images, PDF documents, tools and their definitions, JSON mode, the output limit,
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
        String lastUser = "";
        int turns = 0;
        int images = 0;
        int documents = 0;
        for (Message message : request.messages()) {
            if (message.role() != Role.SYSTEM) {
                turns++;
            }
            StringBuilder own = new StringBuilder();
            for (Part part : message.parts()) {
                documents += part instanceof Part.Document d && d.isPdf() ? 1 : 0;
                images += switch (part) {
                    case Part.Image ignored -> 1;
                    case Part.ToolResult result -> (int) result.content().stream().filter(Part.Image.class::isInstance).count();
                    default -> 0;
                };
                own.append(switch (part) {
                    case Part.Text t -> t.text();
                    case Part.ToolCall call -> call.arguments() + '\n';
                    case Part.ToolResult result -> result.text() + '\n';
                    case Part.Image ignored -> "";
                    case Part.Document d -> d.text() != null ? d.text() + '\n' : "";
                    case Part.Reasoning ignored -> "";
                    case Part.RedactedReasoning ignored -> "";
                });
            }
            texts.add(own.toString());
            if (message.role() == Role.USER) {
                lastUser = own.toString();
            }
        }
        int definitionChars = 0;
        for (Tool tool : request.tools()) {
            definitionChars += tool.name().length() + (tool.description() == null ? 0 : tool.description().length())
                    + (tool.parameters() == null ? 0 : tool.parameters().toString().length());
        }
        ResponseFormat format = request.params().responseFormat();
        Integer limit = request.params().maxTokens();
        return new CanonicalShape(List.copyOf(texts), lastUser, turns, images, documents, request.tools().size(),
                definitionChars,
                format != null && format.kind() != ResponseFormat.Kind.TEXT,
                limit == null ? OptionalInt.empty() : OptionalInt.of(limit), request.stream(), openAiResponsesOnly);
    }
}
