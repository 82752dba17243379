package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.StreamEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the golden streams do not show: where ids and the model come from, and what is left out. */
class ResponsesEventWriterTest {

    @Test
    void theResponseCarriesTheGivenIdAndCreationTimeAndTheProvidersModel() {
        RecordedStream stream = RecordedStream.of(TestWriters.writer(), List.of(
                new StreamEvent.Start("chatcmpl-9", "gpt-4o-mini-2024-07-18"),
                new StreamEvent.TextDelta("Hi"),
                new StreamEvent.End()));

        for (RecordedStream.Frame f : List.of(stream.frames().get(0), stream.frames().get(1), stream.last())) {
            assertThat(f.data().path("response").path("id").asText()).isEqualTo(TestWriters.RESPONSE_ID);
            assertThat(f.data().path("response").path("created_at").asLong()).isEqualTo(TestWriters.CREATED_AT);
            assertThat(f.data().path("response").path("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
        }
        assertThat(stream.frames().get(0).data().path("response").path("status").asText()).isEqualTo("in_progress");
        assertThat(stream.last().type()).isEqualTo("response.completed");
    }

    @Test
    void aStreamWithoutAStartNamesTheRequestedModelAndStillOpensWithCreated() {
        RecordedStream stream = RecordedStream.of(TestWriters.writer(), List.of(
                new StreamEvent.TextDelta("Hi"), new StreamEvent.End()));

        StreamRules.check(stream);
        assertThat(stream.finalResponse().path("model").asText()).isEqualTo(TestWriters.REQUESTED_MODEL);
    }

    @Test
    void itemIdsAreTheResponsesApisAndACallWithoutAProviderIdGetsOne() {
        RecordedStream stream = RecordedStream.of(TestWriters.writer(), List.of(
                new StreamEvent.ReasoningDelta("think"),
                new StreamEvent.TextDelta("say"),
                new StreamEvent.ToolCallStart(0, null, "act"),
                new StreamEvent.End()));

        List<String> ids = stream.ofType("response.output_item.added").stream()
                .map(f -> f.data().path("item").path("id").asText()).toList();
        assertThat(ids).satisfiesExactly(
                id -> assertThat(id).matches("rs_[0-9a-f]{48}"),
                id -> assertThat(id).matches("msg_[0-9a-f]{48}"),
                id -> assertThat(id).matches("fc_[0-9a-f]{48}"));
        assertThat(stream.finalResponse().path("output").path(2).path("call_id").asText()).matches("call_[0-9a-f]{48}");
    }

    @Test
    void emptyDeltasOpenNoItemAndAnUnreportedUsageIsNull() {
        RecordedStream stream = RecordedStream.of(TestWriters.writer(), List.of(
                new StreamEvent.Start("c", "m"), new StreamEvent.TextDelta(""), new StreamEvent.ReasoningDelta(""),
                new StreamEvent.Finish(FinishReason.STOP, null), new StreamEvent.End()));

        assertThat(stream.frames()).extracting(RecordedStream.Frame::type)
                .containsExactly("response.created", "response.in_progress", "response.completed");
        assertThat(stream.finalResponse().path("output").size()).isZero();
        assertThat(stream.finalResponse().path("usage").isNull()).isTrue();
    }

    @Test
    void aToolCallsLateDeltaIsDroppedAndNothingFollowsTheEnd() {
        ResponsesEventWriter writer = TestWriters.writer();
        RecordedStream stream = RecordedStream.of(writer, List.of(
                new StreamEvent.ToolCallStart(0, "call_a", "a"),
                new StreamEvent.ToolCallDelta(0, "{}"),
                new StreamEvent.ToolCallStart(1, "call_b", "b"),
                new StreamEvent.ToolCallDelta(0, "late"),
                new StreamEvent.ToolCallDelta(1, "{\"x\":1}"),
                new StreamEvent.UsageReport(new Usage(1, 2, 0, 0)),
                new StreamEvent.End(),
                new StreamEvent.TextDelta("after the end")));

        StreamRules.check(stream);
        assertThat(stream.last().type()).isEqualTo("response.completed");
        assertThat(stream.finalResponse().path("output").path(0).path("arguments").asText()).isEqualTo("{}");
        assertThat(stream.finalResponse().path("output").path(1).path("arguments").asText()).isEqualTo("{\"x\":1}");
        assertThat(stream.finalResponse().path("usage").path("output_tokens").asLong()).isEqualTo(2);
    }
}
