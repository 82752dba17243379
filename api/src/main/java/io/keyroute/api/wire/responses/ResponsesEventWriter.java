package io.keyroute.api.wire.responses;

import io.keyroute.api.Usage;
import io.keyroute.api.canonical.EventSink;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.canonical.StreamEventWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link StreamEvent}s → the Responses API's stream, as OpenAI sends it: {@code response.created}
 * and {@code response.in_progress}, then each output item in turn (a reasoning summary, a
 * message's text, a function call's arguments, a custom tool call's input, a local shell call)
 * from {@code response.output_item.added} through its deltas to {@code response.output_item.done},
 * then {@code response.completed} with the whole output and usage, or {@code response.incomplete} (token limit, content filter), or
 * {@code response.failed} when the provider fails mid-stream. Every event carries the next
 * {@code sequence_number} from 0 and is named by its {@code type}.
 *
 * <p>One item is open at a time, as OpenAI streams them: the next kind of delta or the next tool
 * call finishes the open item. A tool call's delta that arrives after its item finished is dropped
 * (no provider interleaves calls). Items finish at the canonical {@code Finish}, which comes before
 * the usage, so the caller has them before the response ends.
 *
 * <p>Shapes: the spec's ResponseStreamEvent union (github.com/openai/openai-openapi openapi.yaml,
 * components.schemas Response*Event) and openai-java 4.100.0 com.openai.models.responses, whose
 * {@code ResponseStreamEvent} parses every event this writer sends (ResponsesEventWriterSdkTest).
 */
public final class ResponsesEventWriter implements StreamEventWriter {
    private static final String COMPLETED = "completed";
    private static final String INCOMPLETE = "incomplete";
    private final StreamedResponse response;
    private final String fallbackModel;
    private final ClientTools clientTools;
    private final SequencedEvents events = new SequencedEvents();
    private final List<OutputItem> output = new ArrayList<>();
    private String model;
    private boolean started;
    private boolean ended;
    private StreamedItem open;
    /** how many items were opened: the output_index of the next one */
    private int opened;
    /** the canonical index of the open function call, or -1 when none is open */
    private int openToolCall = -1;
    private FinishReason finishReason;
    private Usage usage;

    /**
     * @param request    the caller's request, whose settings the response objects echo
     * @param responseId the response's id ({@link ResponsesIds#response()}), also what it is stored under
     * @param createdAt  the {@code created_at} epoch seconds (the caller's clock)
     */
    public ResponsesEventWriter(ResponsesRequest request, String responseId, long createdAt) {
        this.response = new StreamedResponse(request, responseId, createdAt);
        this.fallbackModel = request.model();
        this.clientTools = request.clientTools();
    }

    @Override
    public void write(StreamEvent event, EventSink sink) {
        if (ended) {
            return;
        }
        events.to(sink);
        if (!started) {
            start(event instanceof StreamEvent.Start s && s.model() != null ? s.model() : fallbackModel);
        }
        switch (event) {
            case StreamEvent.Start ignored -> {
                // announced above
            }
            case StreamEvent.TextDelta t when !isEmpty(t.text()) -> {
                if (!(open instanceof StreamedMessage)) {
                    open(new StreamedMessage(ResponsesIds.message(), opened), -1);
                }
                append(t.text());
            }
            case StreamEvent.ReasoningDelta r when !isEmpty(r.text()) -> {
                reasoningItem();
                append(r.text());
            }
            case StreamEvent.TextDelta ignored -> {
                // nothing to say yet: no item for it
            }
            case StreamEvent.ReasoningDelta ignored -> {
                // nothing to say yet: no item for it
            }
            case StreamEvent.ReasoningSignature sig -> {
                reasoningItem().sign(sig.signature());
                close(COMPLETED); // a signed block is an item of its own, to go back whole
            }
            case StreamEvent.RedactedReasoning r -> {
                close(COMPLETED);
                reasoningItem().redacted(r.data());
                close(COMPLETED);
            }
            case StreamEvent.ToolCallStart c -> open(toolCall(ResponsesIds.callId(c.id()), c.name()), c.index());
            case StreamEvent.ToolCallDelta d -> {
                if (open != null && openToolCall == d.index()) {
                    append(d.argumentsJson());
                }
            }
            case StreamEvent.Finish f -> {
                finishReason = f.reason();
                close(itemStatus());
            }
            case StreamEvent.UsageReport u -> usage = u.usage();
            case StreamEvent.End ignored -> {
                close(itemStatus());
                end(incomplete() ? "response.incomplete" : "response.completed",
                        StreamedResponse.ended(model, output, finishReason, usage));
            }
            case StreamEvent.Error e -> {
                close(INCOMPLETE);
                end("response.failed", StreamedResponse.failed(model, output, usage, e.type(), e.message()));
            }
        }
    }

    /** The item a tool call streams as: a function call, or the item of the tool the caller offered under its name. */
    private StreamedItem toolCall(String callId, String name) {
        ClientTools.Kind kind = clientTools.kindOf(name);
        if (kind == null) {
            return new StreamedFunctionCall(ResponsesIds.functionCall(), opened, callId, name);
        }
        return switch (kind) {
            case CUSTOM -> new StreamedCustomToolCall(ResponsesIds.customToolCall(), opened, callId, name);
            case LOCAL_SHELL -> new StreamedLocalShellCall(callId, opened);
        };
    }

    private void start(String streamModel) {
        started = true;
        model = streamModel;
        ResponseObject.Stage inProgress = StreamedResponse.inProgress(model);
        lifecycle("response.created", inProgress);
        lifecycle("response.in_progress", inProgress);
    }

    private void open(StreamedItem item, int toolCall) {
        close(COMPLETED);
        opened++;
        open = item;
        openToolCall = toolCall;
        item.open(events);
    }

    /** The open reasoning item, opened now if another kind of item (or none) is open. */
    private StreamedReasoning reasoningItem() {
        if (!(open instanceof StreamedReasoning reasoning)) {
            StreamedReasoning opening = new StreamedReasoning(ResponsesIds.reasoning(), opened);
            open(opening, -1);
            return opening;
        }
        return reasoning;
    }

    private void append(String delta) {
        if (!isEmpty(delta)) {
            open.append(delta, events);
        }
    }

    private static boolean isEmpty(String delta) {
        return delta == null || delta.isEmpty();
    }

    private void close(String status) {
        if (open != null) {
            output.add(open.close(status, events));
            open = null;
            openToolCall = -1;
        }
    }

    /** An item the answer ends in is incomplete when the answer was cut. */
    private String itemStatus() {
        return incomplete() ? INCOMPLETE : COMPLETED;
    }

    private boolean incomplete() {
        return ResponsesResponseWriter.incompleteReason(finishReason) != null;
    }

    private void end(String type, ResponseObject.Stage finalResponse) {
        ended = true;
        lifecycle(type, finalResponse);
    }

    private void lifecycle(String type, ResponseObject.Stage snapshot) {
        response.send(type, snapshot, events);
    }
}
