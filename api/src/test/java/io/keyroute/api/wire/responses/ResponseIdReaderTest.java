package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The id of a passed-through Response, read from the whole object or the stream's first event, and nothing else. */
class ResponseIdReaderTest {

    @Test
    void theTopLevelIdOfAResponseObjectNotANestedOne() {
        String response = "{\"metadata\":{\"id\":\"nested\"},\"output\":[{\"id\":\"msg_1\"}],\"id\":\"resp_1\",\"object\":\"response\"}";

        assertThat(ResponseIdReader.ofResponse(response.getBytes(StandardCharsets.UTF_8))).contains("resp_1");
    }

    @Test
    void theResponseIdOfACreatedEvent() {
        String event = "{\"type\":\"response.created\",\"sequence_number\":0,\"id\":\"not_this\","
                + "\"response\":{\"tools\":[{\"id\":\"x\"}],\"id\":\"resp_2\",\"status\":\"in_progress\"}}";

        assertThat(ResponseIdReader.ofCreatedEvent(event)).contains("resp_2");
    }

    @Test
    void nothingWhenThereIsNoStringId() {
        assertThat(ResponseIdReader.ofResponse("{\"id\":7}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ResponseIdReader.ofResponse("[\"id\"]".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ResponseIdReader.ofResponse("{\"id\":".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ResponseIdReader.ofCreatedEvent("{\"type\":\"response.output_text.delta\",\"delta\":\"id\"}")).isEmpty();
        assertThat(ResponseIdReader.ofCreatedEvent("{\"response\":null}")).isEmpty();
        assertThat(ResponseIdReader.ofCreatedEvent("not json")).isEmpty();
    }
}
