package io.keyroute.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import io.keyroute.api.Json;
import io.keyroute.api.PromptFraming;
import io.keyroute.api.Usage;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.usage.CostCalculator;
import io.keyroute.usage.Price;
import io.keyroute.usage.tokens.ChatMlTokenCounter;
import io.keyroute.usage.tokens.OpenAiPrompt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reservation of a chat over generated requests (messages, system, tools, images, cache_control,
 * max_tokens, n, long prompts, multibyte text): never below what the ledger bills for the worst usage
 * the provider could report, and, for plain text, within a stated factor of the real cost.
 */
class ChatBoundPropertyTest {
    private static final ChatMlTokenCounter O200K =
            new ChatMlTokenCounter(Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE));
    /** gpt-4o-mini's dearest image: high detail, 2,833 + 8 tiles × 5,667 tokens. */
    private static final int OPENAI_IMAGE_TOKENS = 48_169;
    /** Claude resizes an image to about 1.15 megapixels: at most ~1,600 tokens (w × h / 750). */
    private static final int CLAUDE_IMAGE_TOKENS = 1_600;
    private static final Integer[] ALPHABET = {(int) 'a', (int) 'e', (int) 'z', (int) 'Q', (int) ' ', (int) ' ',
        (int) '\n', (int) '\t', (int) '"', (int) '\\', (int) '{', (int) '7', 0xE9, 0xDF, 0x416,
        0x65E5, 0x672C, 0x1F600, 0x1F680};

    private static final List<CostBound.Target> OPENAI = List.of(CostBoundTest.MINI_AT_OPENAI,
            CostBoundTest.builtIn("openai/gpt-4.1", PromptFraming.OPENAI));
    private static final List<CostBound.Target> ANTHROPIC = List.of(CostBoundTest.SONNET_45,
            CostBoundTest.builtIn("anthropic/claude-haiku-4-5", PromptFraming.ANTHROPIC),
            CostBoundTest.builtIn("anthropic/claude-3-5-haiku-latest", PromptFraming.ANTHROPIC));

    /**
     * A text part, an image when {@code text} is null, or in an assistant's message a tool call whose
     * argument is the text when {@code call}; {@code ttl} is its cache_control: null, "5m" or "1h".
     */
    record Part(String text, boolean call, String ttl) {
    }

    record Message(String role, String name, List<Part> parts) {
    }

    /** @param toolMode how tools are asked for: "auto", "forced", or "json" (an OpenAI response_format, no tool_choice) */
    record Chat(String system, String systemTtl, List<Message> messages, List<String> tools, String toolMode,
                int maxTokens, int n, boolean longContext) {
        boolean forced() {
            return toolMode.equals("forced");
        }

        boolean json() {
            return toolMode.equals("json");
        }
    }

    @Property(tries = 300)
    void anOpenAiChatNeverReservesLessThanItsWorstBill(@ForAll("chats") Chat chat) {
        ObjectNode body = openAiBody(chat);
        BillableRequest request = BillableRequestReader.read(body, Map.of());
        int images = images(chat);
        // o200k's count with OpenAI's cookbook framing, each image at its dearest.
        long prompt = O200K.count(OpenAiPrompt.read(body)).tokens() + (long) images * (OPENAI_IMAGE_TOKENS - 765);
        for (CostBound.Target target : OPENAI) {
            ModelInfo model = target.model();
            long billedPrompt = Math.min(prompt, model.contextWindow());
            long output = output(model, chat.maxTokens()) * chat.n();
            long worst = CostCalculator.micros(Price.of(model, billedPrompt).orElseThrow(),
                    new Usage(billedPrompt, output, 0, 0));
            assertThat(CostBound.maxMicros(List.of(target), request)).as(model.target().qualified()).isGreaterThanOrEqualTo(worst);
        }
    }

    @Property(tries = 300)
    void anAnthropicChatNeverReservesLessThanItsWorstBill(@ForAll("chats") Chat chat) {
        Map<String, String> headers = chat.longContext() ? Map.of("anthropic-beta", "context-1m-2025-08-07") : Map.of();
        assertAnthropicNeverReservesLess(chat, BillableRequestReader.read(anthropicBody(chat), headers), ttl(chat));
    }

    /** An OpenAI-shaped chat translated for Anthropic: its tools, tool calls and response_format become Anthropic's. */
    @Property(tries = 200)
    void anOpenAiChatServedByAnthropicNeverReservesLessThanItsWorstBill(@ForAll("chats") Chat chat) {
        Chat single = new Chat(chat.system(), null, chat.messages(), chat.tools(), chat.toolMode(), chat.maxTokens(), 1,
                false); // no n > 1 (refused in translation), no beta or cache_control (the OpenAI shape has neither)
        assertAnthropicNeverReservesLess(single, BillableRequestReader.read(openAiBody(single), Map.of()), null);
    }

    /**
     * The same chat sent to {@code POST /v1/responses} (instructions, message, function_call items, function
     * tools, text.format, max_output_tokens) and passed through to OpenAI: its reservation is never below
     * the chat's worst bill there (the Responses framing is not published; the chat's is the reference).
     */
    @Property(tries = 200)
    void aResponsesRequestNeverReservesLessThanItsWorstBillAtOpenAi(@ForAll("chats") Chat chat) {
        Chat single = asResponses(chat);
        BillableRequest request = BillableRequestReader.read(responsesBody(single), Map.of());
        long prompt = O200K.count(OpenAiPrompt.read(openAiBody(single))).tokens()
                + (long) images(single) * (OPENAI_IMAGE_TOKENS - 765);
        for (CostBound.Target target : OPENAI) {
            ModelInfo model = target.model();
            long billedPrompt = Math.min(prompt, model.contextWindow());
            long worst = CostCalculator.micros(Price.of(model, billedPrompt).orElseThrow(),
                    new Usage(billedPrompt, output(model, single.maxTokens()), 0, 0));
            assertThat(CostBound.maxMicros(List.of(target), request)).as(model.target().qualified()).isGreaterThanOrEqualTo(worst);
        }
    }

    /** The same Responses request translated for Anthropic. */
    @Property(tries = 200)
    void aResponsesRequestServedByAnthropicNeverReservesLessThanItsWorstBill(@ForAll("chats") Chat chat) {
        Chat single = asResponses(chat);
        assertAnthropicNeverReservesLess(single, BillableRequestReader.read(responsesBody(single), Map.of()), null);
    }

    /**
     * What a Responses body can say of a chat: one choice, no names or cache_control, images only in the
     * caller's turns (an assistant's output has no input_image); an assistant's images become text.
     */
    private static Chat asResponses(Chat chat) {
        List<Message> messages = chat.messages().stream()
                .map(m -> new Message(m.role(), null, m.parts().stream()
                        .map(p -> new Part(p.text() == null && m.role().equals("assistant") ? "" : p.text(), p.call(), null))
                        .toList()))
                .toList();
        return new Chat(chat.system(), null, messages, chat.tools(), chat.toolMode(), chat.maxTokens(), 1, false);
    }

    private static ObjectNode responsesBody(Chat chat) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", "m");
        if (chat.system() != null) {
            body.put("instructions", chat.system());
        }
        ArrayNode input = body.putArray("input");
        for (Message message : chat.messages()) {
            ArrayNode content = null;
            for (Part part : message.parts()) {
                if (calls(message, part)) {
                    input.addObject().put("type", "function_call").put("call_id", "call_1").put("name", "tool0")
                            .put("arguments", input(part).toString());
                    continue;
                }
                if (content == null) {
                    content = input.addObject().put("type", "message").put("role", message.role()).putArray("content");
                }
                if (part.text() == null) {
                    content.addObject().put("type", "input_image").put("image_url", "data:image/png;base64,AAAA");
                } else {
                    content.addObject().put("type", message.role().equals("assistant") ? "output_text" : "input_text")
                            .put("text", part.text());
                }
            }
        }
        ArrayNode tools = body.putArray("tools");
        for (String description : chat.tools()) {
            ObjectNode fn = tools.addObject().put("type", "function").put("name", "tool" + tools.size())
                    .put("description", description);
            fn.putObject("parameters").put("type", "object").putObject("properties").putObject("q").put("type", "string");
        }
        if (!chat.tools().isEmpty()) {
            body.put("tool_choice", chat.forced() ? "required" : "auto");
        }
        if (chat.json()) {
            body.putObject("text").putObject("format").put("type", "json_object");
        }
        if (chat.maxTokens() > 0) {
            body.put("max_output_tokens", chat.maxTokens());
        }
        return body;
    }

    /** @param ttl the longest cache write the request sent asks for, or null */
    private static void assertAnthropicNeverReservesLess(Chat chat, BillableRequest request, String ttl) {
        ObjectNode body = anthropicBody(chat);
        for (CostBound.Target target : ANTHROPIC) {
            ModelInfo model = target.model();
            long billedPrompt = Math.min(anthropicPromptTokens(chat, body, model), model.contextWindow(request.betas()));
            long output = output(model, chat.maxTokens());
            // The dearest split of the prompt the request allows: all of it written to the cache it asks for.
            Usage usage = ttl == null ? new Usage(billedPrompt, output, 0, 0)
                    : new Usage(billedPrompt, output, 0, 0, billedPrompt, ttl.equals("1h") ? billedPrompt : 0);
            long worst = CostCalculator.micros(Price.of(model, billedPrompt).orElseThrow(), usage);
            assertThat(CostBound.maxMicros(List.of(target), request)).as(model.target().qualified()).isGreaterThanOrEqualTo(worst);
        }
    }

    /**
     * Tight: a plain-text chat (no tools, images or caching) reserves at most 8× its real worst cost at
     * OpenAI (o200k's count, all of max_tokens) and less than its body's bytes would. What is left is
     * text bytes against tokens: no word of this vocabulary is more than 8 bytes with its space, one
     * token each (English prose averages about 4 bytes a token).
     */
    @Property(tries = 300)
    void aPlainTextChatReservesWithinEightTimesItsRealCost(@ForAll("plainChats") Chat chat) {
        ObjectNode body = openAiBody(chat);
        BillableRequest request = BillableRequestReader.read(body, Map.of());
        long prompt = O200K.count(OpenAiPrompt.read(body)).tokens();
        int bodyBytes = body.toString().getBytes(StandardCharsets.UTF_8).length;
        for (CostBound.Target target : OPENAI) {
            ModelInfo model = target.model();
            long output = output(model, chat.maxTokens());
            long real = CostCalculator.micros(Price.of(model).orElseThrow(), new Usage(prompt, output, 0, 0));
            long bound = CostBound.maxMicros(List.of(target), request);
            assertThat(bound).isLessThanOrEqualTo(8 * real + 1)
                    .isLessThanOrEqualTo(CostCalculator.micros(Price.of(model).orElseThrow(),
                            new Usage(bodyBytes, output, 0, 0)) + 1);
        }
    }

    /** Anthropic's prompt if every byte of text were a token: turn markers, its tool prompt, images at their largest. */
    private static long anthropicPromptTokens(Chat chat, ObjectNode body, ModelInfo model) {
        long tokens = 4L * (chat.messages().size() + 1) + 3 + bytes(chat.system());
        for (Message message : chat.messages()) {
            for (Part part : message.parts()) {
                if (part.text() == null) {
                    tokens += CLAUDE_IMAGE_TOKENS;
                } else if (calls(message, part)) { // a tool_use block: its id, name and input as JSON
                    tokens += bytes("call_1") + bytes("tool0") + bytes(input(part).toString());
                } else {
                    tokens += bytes(part.text());
                }
            }
        }
        for (var tool : body.path("tools")) {
            tokens += bytes(tool.toString());
        }
        if (chat.json() && chat.tools().isEmpty()) { // Keyroute's answer tool (in the body's tools) is forced
            tokens += bytes(body.path("tool_choice").toString());
        }
        if (!chat.tools().isEmpty() || chat.json()) {
            tokens += AnthropicToolPrompt.systemPromptTokens(model.target().upstreamModel(),
                    chat.forced() || chat.json() && chat.tools().isEmpty());
        }
        return tokens;
    }

    private static boolean calls(Message message, Part part) {
        return part.call() && message.role().equals("assistant") && part.text() != null;
    }

    private static ObjectNode input(Part part) {
        return Json.MAPPER.createObjectNode().put("q", part.text());
    }

    private static long output(ModelInfo model, int maxTokens) {
        return maxTokens > 0 ? Math.min(maxTokens, model.maxOutputTokens()) : model.maxOutputTokens();
    }

    private static long bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int images(Chat chat) {
        return (int) chat.messages().stream().flatMap(m -> m.parts().stream()).filter(p -> p.text() == null).count();
    }

    /** The longest cache write the chat asks for, or null. */
    private static String ttl(Chat chat) {
        List<String> ttls = new ArrayList<>();
        ttls.add(chat.system() == null ? null : chat.systemTtl());
        chat.messages().forEach(m -> m.parts().forEach(p -> ttls.add(p.ttl())));
        return ttls.contains("1h") ? "1h" : ttls.contains("5m") ? "5m" : null;
    }

    private static ObjectNode openAiBody(Chat chat) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        if (chat.system() != null) {
            messages.addObject().put("role", "system").put("content", chat.system());
        }
        for (Message message : chat.messages()) {
            ObjectNode m = messages.addObject().put("role", message.role());
            if (message.name() != null) {
                m.put("name", message.name());
            }
            ArrayNode content = m.putArray("content");
            for (Part part : message.parts()) {
                if (part.text() == null) {
                    content.addObject().put("type", "image_url").putObject("image_url").put("url", "data:image/png;base64,AAAA");
                } else if (calls(message, part)) {
                    ObjectNode call = m.withArray("tool_calls").addObject().put("id", "call_1").put("type", "function");
                    call.putObject("function").put("name", "tool0").put("arguments", input(part).toString());
                } else {
                    content.addObject().put("type", "text").put("text", part.text());
                }
            }
            if (content.size() == 1 && content.get(0).has("text")) {
                m.put("content", content.get(0).get("text").asText());
            }
        }
        ArrayNode tools = body.putArray("tools");
        for (String description : chat.tools()) {
            ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
            fn.put("name", "tool" + tools.size()).put("description", description);
            fn.putObject("parameters").put("type", "object").putObject("properties").putObject("q").put("type", "string");
        }
        if (!chat.tools().isEmpty()) {
            body.put("tool_choice", chat.forced() ? "required" : "auto");
        }
        if (chat.json()) {
            body.putObject("response_format").put("type", "json_object");
        }
        if (chat.maxTokens() > 0) {
            body.put("max_tokens", chat.maxTokens());
        }
        body.put("n", chat.n());
        return body;
    }

    private static ObjectNode anthropicBody(Chat chat) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (chat.system() != null) {
            cached(body.putArray("system").addObject().put("type", "text").put("text", chat.system()), chat.systemTtl());
        }
        ArrayNode messages = body.putArray("messages");
        for (Message message : chat.messages()) {
            ArrayNode content = messages.addObject().put("role", message.role()).putArray("content");
            for (Part part : message.parts()) {
                ObjectNode block = content.addObject();
                if (part.text() == null) {
                    block.put("type", "image").putObject("source").put("type", "base64").put("media_type", "image/png")
                            .put("data", "AAAA");
                } else if (calls(message, part)) {
                    block.put("type", "tool_use").put("id", "call_1").put("name", "tool0").set("input", input(part));
                } else {
                    block.put("type", "text").put("text", part.text());
                }
                cached(block, part.ttl());
            }
        }
        ArrayNode tools = body.putArray("tools");
        for (String description : chat.tools()) {
            ObjectNode tool = tools.addObject().put("name", "tool" + tools.size()).put("description", description);
            tool.putObject("input_schema").put("type", "object").putObject("properties").putObject("q").put("type", "string");
        }
        if (!chat.tools().isEmpty()) {
            body.putObject("tool_choice").put("type", chat.forced() ? "any" : "auto");
        }
        if (chat.json()) { // as Keyroute's translation sends an OpenAI response_format
            ObjectNode tool = tools.addObject().put("name", "json_response").put("description", "Give the answer as JSON.");
            tool.putObject("input_schema").put("type", "object");
            if (chat.tools().isEmpty()) {
                body.putObject("tool_choice").put("type", "tool").put("name", "json_response");
            }
        }
        if (chat.maxTokens() > 0) {
            body.put("max_tokens", chat.maxTokens());
        }
        return body;
    }

    private static void cached(ObjectNode block, String ttl) {
        if (ttl != null) {
            ObjectNode control = block.putObject("cache_control").put("type", "ephemeral");
            if (ttl.equals("1h")) {
                control.put("ttl", "1h");
            }
        }
    }

    @Provide
    Arbitrary<Chat> chats() {
        return chat(text(), Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just((String) null)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("5m")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("1h"))), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 3), Arbitraries.of("auto", "forced", "json"),
                Arbitraries.integers().between(1, 8));
    }

    @Provide
    Arbitrary<Chat> plainChats() {
        Arbitrary<String> words = Arbitraries.of("the", "a", "cost", "of", "budget", "is", "never", "below", "what", "we",
                "bill", "and", "tokens", "cover", "bytes", "request", ",", ".").list().ofMinSize(1).ofMaxSize(400)
                .map(w -> String.join(" ", w));
        return chat(words, Arbitraries.just((String) null), Arbitraries.just(0), Arbitraries.just(0),
                Arbitraries.just("auto"), Arbitraries.just(1))
                .filter(c -> c.maxTokens() > 0);
    }

    private static Arbitrary<Chat> chat(Arbitrary<String> text, Arbitrary<String> ttl, Arbitrary<Integer> imageWeight,
                                        Arbitrary<Integer> toolCount, Arbitrary<String> toolModes, Arbitrary<Integer> n) {
        Arbitrary<Part> part = Combinators.combine(text, ttl, imageWeight, Arbitraries.integers().between(0, 9))
                .as((t, c, weight, roll) -> new Part(roll < weight ? null : t, roll == 9 && weight > 0, c));
        Arbitrary<Message> message = Combinators.combine(Arbitraries.of("user", "assistant"),
                        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just((String) null)),
                                net.jqwik.api.Tuple.of(1, Arbitraries.strings().alpha().ofLength(6))),
                        part.list().ofMinSize(1).ofMaxSize(3))
                .as(Message::new);
        Arbitrary<List<String>> tools = toolCount.flatMap(count -> text.list().ofSize(count));
        return Combinators.combine(Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)),
                                net.jqwik.api.Tuple.of(1, text)), ttl,
                        message.list().ofMinSize(1).ofMaxSize(5), tools, toolModes,
                        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(0)),
                                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(1, 100_000))),
                        n, Arbitraries.of(true, false))
                .as(Chat::new);
    }

    /** Multibyte text, now and then long enough to pass 200k tokens (made of short pieces, as prose is). */
    private static Arbitrary<String> text() {
        Arbitrary<String> shortText = Arbitraries.of(ALPHABET).list().ofMaxSize(40)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
        Arbitrary<String> longText = Combinators.combine(shortText, Arbitraries.integers().between(1_000, 6_000))
                .as((piece, times) -> (piece + " ").repeat(times));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(60, shortText), net.jqwik.api.Tuple.of(1, longText));
    }
}
