package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.BodyReading;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.RawBody;
import io.keyroute.api.WireFormat;
import io.keyroute.api.canonical.CanonicalRequest;
import java.util.List;
import java.util.Map;

/**
 * An inbound OpenAI Responses request ({@code POST /v1/responses}), read once by
 * {@link ResponsesRequestReader}: the caller's body for a pass-through to OpenAI's own Responses
 * API, its translation for every other provider, and what the Responses API has beyond a chat.
 *
 * @param body               the request JSON as sent; never mutated
 * @param raw                the bytes {@code body} was parsed from, for a pass-through that splices the
 *                           model in, with where its {@code input} items are ({@link RawBody#items}) when
 *                           it is an array; null when splicing is unsafe (see {@link RawBody})
 * @param model              what the caller asked for: {@code provider/model}, a catalog name or a route
 * @param stream             whether the caller asked for the answer as server-sent events
 * @param canonical          the request translated: {@code instructions} as a leading system message, then
 *                           the input items as turns (earlier turns of a continued conversation belong
 *                           after that system message); what {@code openAiOnly} names is not in it
 * @param instructions       the request's {@code instructions}; null when none
 * @param previousResponseId the response this one continues; null when none
 * @param store              whether the response is to be kept for {@code previous_response_id} and
 *                           {@code GET /v1/responses/{id}} (OpenAI's default: true)
 * @param metadata           the caller's {@code metadata}, at most 16 pairs (OpenAI's bounds)
 * @param truncation         {@code auto} or {@code disabled}; null when not set
 * @param include            the extra output the caller asked for (e.g. {@code reasoning.encrypted_content})
 * @param reasoning          the {@code reasoning} settings; null when not set
 * @param builtInTools       the type names of the tools OpenAI itself runs ({@code web_search},
 *                           {@code file_search}, {@code mcp}, ...), in order, as sent: served only by
 *                           a provider that runs them, refused by any other
 * @param clientTools        the caller's {@code custom} and {@code local_shell} tools, offered to other
 *                           providers as functions, whose calls go back in those tools' own items
 * @param openAiOnly         what only OpenAI's own Responses API can serve and the translation leaves
 *                           out, each by where it is ({@code "input[2].content[0] (input_file by file_id)"},
 *                           {@code "conversation"}); empty when the translation is the whole request
 */
public record ResponsesRequest(ObjectNode body, RawBody raw, String model, boolean stream, CanonicalRequest canonical,
                               String instructions, String previousResponseId, boolean store,
                               Map<String, String> metadata, String truncation, List<String> include,
                               Reasoning reasoning, List<String> builtInTools, ClientTools clientTools,
                               List<String> openAiOnly)
        implements BodyReading {

    /** Bytes are kept only with the very tree they were parsed into, as in {@link io.keyroute.api.ChatRequest}. */
    public ResponsesRequest {
        if (raw != null && !raw.describes(body)) {
            raw = null;
        }
        metadata = Map.copyOf(metadata);
        include = List.copyOf(include);
        builtInTools = List.copyOf(builtInTools);
        openAiOnly = List.copyOf(openAiOnly);
    }

    /**
     * The request as a chat in {@link WireFormat#OPENAI_RESPONSES}, the form adapters, limits and
     * delivery take: its body as sent (spliceable bytes kept), the usage always reported at its end,
     * and this reading of it, so a translation does not read the body again.
     */
    public ChatRequest chat() {
        return new ChatRequest(WireFormat.OPENAI_RESPONSES, body, model, stream, true, Map.of(), raw, this);
    }

    /** Whether every provider can serve it, translated: nothing in it only OpenAI can run. */
    public boolean translatable() {
        return builtInTools.isEmpty() && openAiOnly.isEmpty();
    }

    /**
     * What in it only OpenAI's own Responses API can serve, each named by where it is: its tools by
     * type ({@code "web_search tool"}), then {@link #openAiOnly}; empty when {@link #translatable}.
     */
    public List<String> onlyOpenAiServes() {
        List<String> all = new java.util.ArrayList<>(builtInTools.size() + openAiOnly.size());
        builtInTools.forEach(type -> all.add(type + " tool"));
        all.addAll(openAiOnly);
        return all;
    }

    /**
     * The request's {@code reasoning}: how hard a reasoning model thinks ({@code none} … {@code xhigh})
     * and whether a summary of its reasoning is wanted ({@code auto}, {@code concise}, {@code detailed});
     * null where not set.
     */
    public record Reasoning(String effort, String summary) {
    }
}
