package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Responses request's reading travels with its chat form only alongside the very tree it was read from. */
class ResponsesReadingTest {
    private static final ResponsesRequest READ = ResponsesRequestReader.read("""
            {"model":"gpt-4o-mini","instructions":"Be terse.","input":"Hello"}""".getBytes(StandardCharsets.UTF_8));

    @Test
    void theChatFormCarriesTheReadingOfItsBody() {
        ChatRequest chat = READ.chat();

        assertThat(chat.reading()).isSameAs(READ);
        assertThat(chat.withPassHeaders(Map.of("x-a", "b")).reading()).isSameAs(READ);
    }

    @Test
    void anotherBodyDropsTheReading() {
        ObjectNode edited = READ.body().deepCopy().put("instructions", "Be verbose.");

        assertThat(READ.chat().withBody(edited).reading()).isNull();
        assertThat(new ChatRequest(WireFormat.OPENAI_RESPONSES, edited, "gpt-4o-mini", false, true, Map.of(), null, READ)
                .reading()).isNull();
    }
}
