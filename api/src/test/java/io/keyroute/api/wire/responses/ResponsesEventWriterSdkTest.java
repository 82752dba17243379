package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.error.ErrorType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every event the writer sends parses as the official openai-java SDK's {@link ResponseStreamEvent}
 * with no required field missing ({@code validate()}), and the SDK's own {@link ResponseAccumulator}
 * rebuilds from the deltas the same answer the terminal event carries.
 */
class ResponsesEventWriterSdkTest {

    @Test
    void textReasoningAndParallelCallsParseAndAccumulate() throws Exception {
        List<StreamEvent> events = List.of(
                new StreamEvent.Start("chatcmpl-1", "gpt-4o-mini"),
                new StreamEvent.ReasoningDelta("Two lookups;"),
                new StreamEvent.ReasoningDelta(" then answer."),
                new StreamEvent.TextDelta("Checking "),
                new StreamEvent.TextDelta("both."),
                new StreamEvent.ToolCallStart(0, "call_w", "get_weather"),
                new StreamEvent.ToolCallDelta(0, "{\"city\":"),
                new StreamEvent.ToolCallDelta(0, "\"Paris\"}"),
                new StreamEvent.ToolCallStart(1, "call_t", "get_time"),
                new StreamEvent.ToolCallDelta(1, "{}"),
                new StreamEvent.Finish(FinishReason.TOOL_CALLS, null),
                new StreamEvent.UsageReport(new Usage(50, 40, 10, 12)),
                new StreamEvent.End());

        Response response = accumulate(events, "response.completed");

        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        List<ResponseOutputItem> output = response.output();
        assertThat(output).hasSize(4);
        assertThat(output.get(0).asReasoning().summary().getFirst().text()).isEqualTo("Two lookups; then answer.");
        assertThat(output.get(1).asMessage().content().getFirst().asOutputText().text()).isEqualTo("Checking both.");
        assertThat(output.get(2).asFunctionCall().callId()).isEqualTo("call_w");
        assertThat(output.get(2).asFunctionCall().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(output.get(3).asFunctionCall().name()).isEqualTo("get_time");
        var usage = response.usage().orElseThrow();
        assertThat(usage.inputTokens()).isEqualTo(50);
        assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(10);
        assertThat(usage.outputTokens()).isEqualTo(40);
        assertThat(usage.outputTokensDetails().reasoningTokens()).isEqualTo(12);
        assertThat(usage.totalTokens()).isEqualTo(90);
    }

    /** Calls of the tools offered as functions stream as those tools' items, the custom one's input in deltas. */
    @Test
    void customAndLocalShellCallsParseAndAccumulate() throws Exception {
        RecordedStream stream = RecordedStream.of(TestWriters.codexWriter(), List.of(
                new StreamEvent.Start("msg_1", "claude-sonnet-4-5"),
                new StreamEvent.ToolCallStart(0, "toolu_p", "apply_patch"),
                new StreamEvent.ToolCallDelta(0, "{\"input\": \"*** Begin"),
                new StreamEvent.ToolCallDelta(0, " Patch\\n\"}"),
                new StreamEvent.ToolCallStart(1, "toolu_s", "local_shell"),
                new StreamEvent.ToolCallDelta(1, "{\"command\":[\"ls\"],"),
                new StreamEvent.ToolCallDelta(1, "\"working_directory\":\"/repo\"}"),
                new StreamEvent.Finish(FinishReason.TOOL_CALLS, null),
                new StreamEvent.UsageReport(new Usage(50, 40, 0, 0)),
                new StreamEvent.End()));

        Response response = SdkReading.accumulate(stream);

        var patch = response.output().get(0).asCustomToolCall();
        assertThat(patch.callId()).isEqualTo("toolu_p");
        assertThat(patch.name()).isEqualTo("apply_patch");
        assertThat(patch.input()).isEqualTo("*** Begin Patch\n");
        var shell = response.output().get(1).asLocalShellCall();
        assertThat(shell.callId()).isEqualTo("toolu_s");
        assertThat(shell.action().command()).containsExactly("ls");
        assertThat(shell.action().workingDirectory()).contains("/repo");
        assertThat(stream.frames().stream().map(RecordedStream.Frame::event).toList()).containsSubsequence("response.output_item.added",
                "response.custom_tool_call_input.delta", "response.custom_tool_call_input.done",
                "response.output_item.done", "response.output_item.added", "response.output_item.done");
    }

    @Test
    void aLengthStopParsesAsIncomplete() throws Exception {
        Response response = accumulate(List.of(
                new StreamEvent.TextDelta("Once upon"),
                new StreamEvent.Finish(FinishReason.LENGTH, null),
                new StreamEvent.UsageReport(new Usage(9, 2, 0, 0)),
                new StreamEvent.End()), "response.incomplete");

        assertThat(response.status()).contains(ResponseStatus.INCOMPLETE);
        assertThat(response.incompleteDetails().orElseThrow().reason().orElseThrow().asString()).isEqualTo("max_output_tokens");
        assertThat(response.output().getFirst().asMessage().status().asString()).isEqualTo("incomplete");
    }

    @Test
    void aFailureMidStreamParsesAsFailed() throws Exception {
        Response response = accumulate(List.of(
                new StreamEvent.Start("msg_1", "claude-sonnet-4-5"),
                new StreamEvent.TextDelta("Once upon"),
                new StreamEvent.Error(ErrorType.RATE_LIMIT, "Slow down")), "response.failed");

        assertThat(response.status()).contains(ResponseStatus.FAILED);
        assertThat(response.error().orElseThrow().code().asString()).isEqualTo("rate_limit_exceeded");
        assertThat(response.error().orElseThrow().message()).isEqualTo("Slow down");
    }

    private static Response accumulate(List<StreamEvent> events, String terminal) throws Exception {
        RecordedStream stream = RecordedStream.of(TestWriters.writer(), events);
        assertThat(stream.last().type()).isEqualTo(terminal);
        return SdkReading.accumulate(stream);
    }
}
