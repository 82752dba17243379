package io.keyroute.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.wire.anthropic.AnthropicRequestReader;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Gemini caches a repeated prompt prefix on its own (implicit caching): a conversation translated
 * for it must say the same thing the same way on every turn. Two turns of one Claude Code session
 * (system blocks and tools marked {@code cache_control}, a tool loop) are written as Gemini requests:
 * the system instruction, the tools and every earlier turn come out byte for byte as the turn before
 * wrote them, and {@code cache_control}, which Gemini has no field for, is not sent.
 */
class GeminiPromptPrefixTest {
    private static final String SYSTEM = """
            [{"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude.",
              "cache_control":{"type":"ephemeral","ttl":"1h"}},
             {"type":"text","text":"Work in /repo. Prefer small commits.","cache_control":{"type":"ephemeral"}}]""";
    private static final String TOOLS = """
            [{"name":"Read","description":"Reads a file.","input_schema":{"type":"object",
               "properties":{"file_path":{"type":"string"},"offset":{"type":"number"},"limit":{"type":"number"}},
               "required":["file_path"],"additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#"}},
             {"name":"Bash","description":"Runs a command.","input_schema":{"type":"object",
               "properties":{"timeout":{"type":"number"},"command":{"type":"string"}},"required":["command"]},
              "cache_control":{"type":"ephemeral"}}]""";
    private static final String FIRST_TURNS = """
            {"role":"user","content":[{"type":"text","text":"Why does the build fail?"}]},
            {"role":"assistant","content":[{"type":"text","text":"Let me read the log."},
              {"type":"tool_use","id":"toolu_01","name":"Read","input":{"file_path":"build.log","limit":40}}]},
            {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"error: x is unused"}]}""";
    private static final String NEXT_TURNS = """
            ,{"role":"assistant","content":[{"type":"tool_use","id":"toolu_02","name":"Bash",
               "input":{"command":"grep -n x src/a.c","timeout":5}}]},
            {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_02","content":"3: int x;"},
              {"type":"text","text":"Remove it.","cache_control":{"type":"ephemeral"}}]}""";

    private static JsonNode gemini(String messages) throws IOException {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree("{\"model\":\"gemini/gemini-2.5-flash\",\"max_tokens\":4096,"
                + "\"system\":" + SYSTEM + ",\"tools\":" + TOOLS + ",\"messages\":[" + messages + "]}");
        return GeminiRequestMapper.write(AnthropicRequestReader.read(body), "gemini-2.5-flash");
    }

    @Test
    void aGrowingConversationKeepsItsPrefixByteForByte() throws IOException {
        JsonNode first = gemini(FIRST_TURNS);
        JsonNode again = gemini(FIRST_TURNS);
        JsonNode next = gemini(FIRST_TURNS + NEXT_TURNS);

        assertThat(JsonFields.write(again)).as("the same turn is written the same way").isEqualTo(JsonFields.write(first));
        assertThat(JsonFields.write(next.path("systemInstruction"))).isEqualTo(JsonFields.write(first.path("systemInstruction")));
        assertThat(JsonFields.write(next.path("tools"))).isEqualTo(JsonFields.write(first.path("tools")));
        JsonNode earlier = first.path("contents");
        assertThat(next.path("contents").size()).isGreaterThan(earlier.size());
        for (int i = 0; i < earlier.size(); i++) {
            assertThat(JsonFields.write(next.path("contents").get(i))).as("turn %d", i).isEqualTo(JsonFields.write(earlier.get(i)));
        }
        assertThat(JsonFields.write(next)).doesNotContain("cache_control", "ephemeral", "ttl");
    }

    @Test
    void theSystemInstructionAndToolsKeepTheCallersOrder() throws IOException {
        JsonNode first = gemini(FIRST_TURNS);

        assertThat(first.path("systemInstruction").path("parts").get(0).path("text").asText())
                .startsWith("You are Claude Code").contains("Prefer small commits.");
        JsonNode declarations = first.path("tools").get(0).path("functionDeclarations");
        assertThat(declarations.get(0).path("name").asText()).isEqualTo("Read");
        assertThat(declarations.get(1).path("name").asText()).isEqualTo("Bash");
        assertThat(declarations.get(1).path("parameters").path("properties").fieldNames())
                .toIterable().containsExactly("timeout", "command");
    }
}
