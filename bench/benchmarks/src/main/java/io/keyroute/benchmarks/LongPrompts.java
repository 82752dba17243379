package io.keyroute.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * One coding agent's 100K-token conversation (issue 28 item 2), the same in each API a caller may
 * send it in: Anthropic Messages as Claude Code sends it (a system prompt in two text blocks with
 * {@code cache_control}, {@value #TOOLS} tools with JSON schemas, a long history of assistant turns
 * calling tools and user turns carrying their results, a {@code cache_control} mark on the last
 * turn, {@code metadata.user_id}), OpenAI Chat Completions ({@code tool_calls} and {@code tool}
 * messages) and the Responses API ({@code function_call} and {@code function_call_output} items,
 * {@code "store": false} as Codex sends it). Each body is about {@value #TARGET_BYTES} bytes; all
 * three stream and carry {@link #MODEL} as their model, for the caller to replace. Deterministic:
 * the same bytes every run.
 *
 * <pre>
 * java -cp ... io.keyroute.benchmarks.LongPrompts DIR   # writes DIR/anthropic.json, openai.json, responses.json
 * </pre>
 */
public final class LongPrompts {
    /** The model every body names: a placeholder the bench replaces with the route it measures. */
    public static final String MODEL = "MODEL_PLACEHOLDER";
    static final int TARGET_BYTES = 400 * 1024;
    static final int TOOLS = 20;

    private static final List<String> TOOL_NAMES = List.of("Task", "Bash", "Glob", "Grep", "LS", "ExitPlanMode",
            "Read", "Edit", "MultiEdit", "Write", "NotebookEdit", "WebFetch", "TodoWrite", "WebSearch", "BashOutput",
            "KillShell", "SlashCommand", "ListMcpResources", "ReadMcpResource", "AskUserQuestion");
    private static final String[] WORDS = ("the a request gateway route provider budget token stream answer model "
            + "config key workspace user limit cache guardrail policy retry upstream latency header body parse "
            + "client server thread buffer event record ledger price window context message tool call result").split(" ");
    private static final String[] CODE = {
        "    private final Map<String, Route> routes = new ConcurrentHashMap<>();",
        "    public Optional<Target> pick(List<Target> targets, Budget budget) {",
        "        for (Target target : targets) {",
        "            if (budget.allows(target.price().times(tokens))) {",
        "                return Optional.of(target);",
        "            }",
        "        }",
        "        return Optional.empty();",
        "    }",
        "    // The upstream answered 429: back off and try the next candidate.",
        "    long backoff = Math.min(maxDelayMs, baseDelayMs << Math.min(attempt, 10));",
        "    var request = HttpRequest.newBuilder(uri).POST(BodyPublishers.ofByteArray(body)).build();",
        "    log.debug(\"routed {} to {} in {} us\", requestId, target.qualified(), elapsed / 1000);",
        "    throw ClientError.badRequest(\"invalid_value\", \"'max_tokens' must be positive.\", \"max_tokens\");",
        "import java.util.concurrent.atomic.AtomicLong;",
        "@Test void aBudgetRefusesTheRequestThatWouldExceedIt() { assertThat(gate.admit(req)).isFalse(); }",
    };

    /** Anthropic Messages, as Claude Code sends it. */
    public static final byte[] ANTHROPIC = bytes(anthropic());
    /** The same conversation in OpenAI Chat Completions' shape. */
    public static final byte[] OPENAI = bytes(openAi());
    /** The same conversation as Responses API input items. */
    public static final byte[] RESPONSES = bytes(responses());

    private LongPrompts() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LongPrompts DIR");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        Files.write(dir.resolve("anthropic.json"), ANTHROPIC);
        Files.write(dir.resolve("openai.json"), OPENAI);
        Files.write(dir.resolve("responses.json"), RESPONSES);
        System.out.printf("anthropic %d, openai %d, responses %d bytes%n", ANTHROPIC.length, OPENAI.length,
                RESPONSES.length);
    }

    /** What all three shapes say, turn by turn: the same texts from the same seed. */
    private record Conversation(String identity, String instructions, List<ToolSpec> tools, List<Step> steps,
                                String question) {
    }

    private record ToolSpec(String name, String description, ObjectNode schema) {
    }

    /** One tool round: the assistant says something and calls a tool; the result comes back. */
    private record Step(String said, String callId, String tool, ObjectNode input, String result) {
    }

    private static Conversation conversation() {
        var random = new Random(28_2);
        List<ToolSpec> tools = TOOL_NAMES.stream().map(name -> tool(name, random)).toList();
        int fixed = 6_000 + tools.size() * 1_600; // the system prompt's and the tools' share, roughly
        List<Step> steps = new java.util.ArrayList<>();
        int size = fixed;
        for (int n = 0; size < TARGET_BYTES - 1_500; n++) {
            ToolSpec tool = tools.get(Math.floorMod(n * 7 + 3, 6) + 6); // Read, Edit, MultiEdit, Write, …
            ObjectNode input = Json.MAPPER.createObjectNode()
                    .put("file_path", "/work/repo/server/src/main/java/io/keyroute/" + words(random, 1) + "/File" + n
                            + ".java");
            if (n % 3 == 1) {
                input.put("old_string", code(random, 3)).put("new_string", code(random, 4));
            }
            Step step = new Step(prose(random, 40), "toolu_01" + String.format("%022d", n), tool.name(), input,
                    code(random, 30 + random.nextInt(50)));
            steps.add(step);
            size += step.said().length() + step.result().length() + input.toString().length() + 220;
        }
        return new Conversation("You are Claude Code, Anthropic's official CLI for Claude.", prose(random, 900), tools,
                steps, "Now explain step by step why the budget gate refused the last request, and fix it.");
    }

    private static ToolSpec tool(String name, Random random) {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (int p = 0; p < 3 + random.nextInt(4); p++) {
            String field = WORDS[random.nextInt(WORDS.length)] + "_" + p;
            properties.putObject(field).put("type", p % 3 == 2 ? "number" : "string")
                    .put("description", prose(random, 18));
            if (p < 2) {
                required.add(field);
            }
        }
        schema.put("additionalProperties", false).put("$schema", "http://json-schema.org/draft-07/schema#");
        return new ToolSpec(name, prose(random, 150), schema);
    }

    static ObjectNode anthropic() {
        Conversation c = conversation();
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", MODEL).put("max_tokens", 32_000);
        ArrayNode system = body.putArray("system");
        system.addObject().put("type", "text").put("text", c.identity()).putObject("cache_control")
                .put("type", "ephemeral");
        system.addObject().put("type", "text").put("text", c.instructions()).putObject("cache_control")
                .put("type", "ephemeral");
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "user").putArray("content").addObject().put("type", "text")
                .put("text", "<system-reminder>" + c.instructions().substring(0, 600) + "</system-reminder>");
        for (Step s : c.steps()) {
            ArrayNode said = messages.addObject().put("role", "assistant").putArray("content");
            said.addObject().put("type", "text").put("text", s.said());
            said.addObject().put("type", "tool_use").put("id", s.callId()).put("name", s.tool()).set("input", s.input());
            messages.addObject().put("role", "user").putArray("content").addObject().put("type", "tool_result")
                    .put("tool_use_id", s.callId()).put("content", s.result());
        }
        messages.addObject().put("role", "user").putArray("content").addObject().put("type", "text")
                .put("text", c.question()).putObject("cache_control").put("type", "ephemeral");
        body.put("temperature", 1);
        ArrayNode tools = body.putArray("tools");
        for (ToolSpec t : c.tools()) {
            tools.addObject().put("name", t.name()).put("description", t.description()).set("input_schema", t.schema());
        }
        body.putObject("metadata").put("user_id", "user_2f9a0c_account_7d41_session_9e0b1c55-3a7e-4e0f-8d1c-0a6b4d2f7e13");
        body.put("stream", true);
        return body;
    }

    static ObjectNode openAi() {
        Conversation c = conversation();
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", MODEL).put("max_completion_tokens", 32_000);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", c.identity() + "\n\n" + c.instructions());
        messages.addObject().put("role", "user")
                .put("content", "<system-reminder>" + c.instructions().substring(0, 600) + "</system-reminder>");
        for (Step s : c.steps()) {
            ObjectNode said = messages.addObject().put("role", "assistant").put("content", s.said());
            said.putArray("tool_calls").addObject().put("id", s.callId()).put("type", "function")
                    .putObject("function").put("name", s.tool()).put("arguments", s.input().toString());
            messages.addObject().put("role", "tool").put("tool_call_id", s.callId()).put("content", s.result());
        }
        messages.addObject().put("role", "user").put("content", c.question());
        ArrayNode tools = body.putArray("tools");
        for (ToolSpec t : c.tools()) {
            tools.addObject().put("type", "function").putObject("function").put("name", t.name())
                    .put("description", t.description()).set("parameters", t.schema());
        }
        body.put("user", "user_2f9a0c").put("stream", true).putObject("stream_options").put("include_usage", true);
        return body;
    }

    static ObjectNode responses() {
        Conversation c = conversation();
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", MODEL).put("store", false)
                .put("instructions", c.identity() + "\n\n" + c.instructions()).put("max_output_tokens", 32_000);
        ArrayNode input = body.putArray("input");
        message(input, "user", "input_text", "<system-reminder>" + c.instructions().substring(0, 600) + "</system-reminder>");
        for (Step s : c.steps()) {
            message(input, "assistant", "output_text", s.said());
            input.addObject().put("type", "function_call").put("call_id", s.callId()).put("name", s.tool())
                    .put("arguments", s.input().toString());
            input.addObject().put("type", "function_call_output").put("call_id", s.callId()).put("output", s.result());
        }
        message(input, "user", "input_text", c.question());
        ArrayNode tools = body.putArray("tools");
        for (ToolSpec t : c.tools()) {
            tools.addObject().put("type", "function").put("name", t.name()).put("description", t.description())
                    .put("strict", false).set("parameters", t.schema());
        }
        body.put("stream", true);
        return body;
    }

    private static void message(ArrayNode input, String role, String partType, String text) {
        input.addObject().put("type", "message").put("role", role).putArray("content").addObject()
                .put("type", partType).put("text", text);
    }

    private static String prose(Random random, int words) {
        var text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            text.append(w == 0 ? "" : w % 14 == 13 ? ". " : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.append('.').toString();
    }

    private static String words(Random random, int n) {
        return prose(random, n).replace(".", "");
    }

    private static String code(Random random, int lines) {
        var text = new StringBuilder();
        for (int l = 0; l < lines; l++) {
            text.append(String.format("%6d\t", l + 1)).append(CODE[random.nextInt(CODE.length)]).append('\n');
        }
        return text.toString();
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
