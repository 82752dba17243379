package io.keyroute.api.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.api.canonical.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code service_tier} that served an OpenAI answer reaches the usage a translated call is
 * priced by (an Anthropic-shaped caller on an OpenAI model); {@code default} is the standard tier.
 */
class ServedTierTest {

    @ParameterizedTest
    @CsvSource(value = {"flex, flex", "priority, priority", "default, NULL"}, nullValues = "NULL")
    void theTierOfAnAnswerIsKeptWithItsUsage(String served, String kept) {
        String body = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"o3\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3},"
                + "\"service_tier\":\"" + served + "\"}";

        Usage usage = OpenAiResponseReader.read(body.getBytes(StandardCharsets.UTF_8)).usage();

        assertThat(usage).isEqualTo(new Usage(12, 3, 0, 0, 0, 0, kept));
    }

    @ParameterizedTest
    @CsvSource(value = {"flex, flex", "priority, priority", "default, NULL"}, nullValues = "NULL")
    void theTierOfAUsageChunkIsKeptWithItsUsage(String served, String kept) {
        String chunk = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"o3\","
                + "\"service_tier\":\"" + served + "\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}}";
        List<StreamEvent> events = new ArrayList<>();

        new OpenAiChunkReader().read(null, chunk, events::add);

        assertThat(events).last().isEqualTo(new StreamEvent.UsageReport(new Usage(12, 3, 0, 0, 0, 0, kept)));
    }
}
