package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.ObjectMappers;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStreamEvent;

/** A recorded stream as the official openai-java SDK reads it. */
final class SdkReading {
    private SdkReading() {
    }

    /**
     * Parses every event as the SDK's {@link ResponseStreamEvent} and validates it (no required
     * field missing), feeds the SDK's {@link ResponseAccumulator}, checks that the answer it rebuilds
     * from the deltas is the one the terminal event carries, and returns that answer.
     */
    static Response accumulate(RecordedStream stream) throws Exception {
        ResponseAccumulator accumulator = ResponseAccumulator.createWithSnapshots();
        for (RecordedStream.Frame frame : stream.frames()) {
            ResponseStreamEvent event = ObjectMappers.jsonMapper().readValue(frame.raw(), ResponseStreamEvent.class);
            event.validate();
            accumulator.accumulate(event);
        }
        Response response = accumulator.response();
        assertThat(accumulator.reconstructedResponse().output()).isEqualTo(response.output());
        return response;
    }
}
