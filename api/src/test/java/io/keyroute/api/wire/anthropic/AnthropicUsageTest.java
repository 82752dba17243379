package io.keyroute.api.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import org.junit.jupiter.api.Test;

class AnthropicUsageTest {

    @Test
    void cacheReadsAndWritesArePartsOfThePromptWithTheOneHourShareKept() throws Exception {
        var usage = AnthropicStopReasons.readUsage(Json.MAPPER.readTree("""
                {"input_tokens": 50, "cache_creation_input_tokens": 1000, "cache_read_input_tokens": 2000,
                 "cache_creation": {"ephemeral_5m_input_tokens": 400, "ephemeral_1h_input_tokens": 600},
                 "output_tokens": 70}"""));

        assertThat(usage).isEqualTo(new Usage(3_050, 70, 2_000, 0, 1_000, 600));
    }

    @Test
    void writingTheUsageBackGivesAnthropicsFieldsAgain() throws Exception {
        var written = Json.MAPPER.createObjectNode();
        AnthropicStopReasons.writeUsage(written, new Usage(3_050, 70, 2_000, 0, 1_000, 600));

        assertThat(written.toString()).isEqualTo(Json.MAPPER.readTree("""
                {"input_tokens": 50, "cache_creation_input_tokens": 1000, "cache_read_input_tokens": 2000,
                 "cache_creation": {"ephemeral_5m_input_tokens": 400, "ephemeral_1h_input_tokens": 600},
                 "output_tokens": 70}""").toString());
    }
}
