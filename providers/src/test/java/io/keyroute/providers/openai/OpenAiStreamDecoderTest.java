package io.keyroute.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import io.keyroute.api.WireFormat;
import io.keyroute.providers.StreamDecoder;
import io.keyroute.providers.StreamOutput;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.sse.SseEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamDecoderTest {
    private static final SseEvent ROLE = SseEvent.data(
            "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}");
    private static final SseEvent TEXT = SseEvent.data(
            "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}],\"usage\":null}");
    private static final SseEvent FINISH = SseEvent.data(
            "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}");
    private static final SseEvent USAGE = SseEvent.data(
            "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":5,"
                    + "\"total_tokens\":16,\"prompt_tokens_details\":{\"cached_tokens\":3},\"completion_tokens_details\":{\"reasoning_tokens\":2}}}");
    private static final SseEvent DONE = SseEvent.data("[DONE]");

    private final OpenAiAdapter adapter = new OpenAiAdapter(new ProviderErrors(Clock.systemUTC()));

    /** Collects what the decoder made of the stream. */
    private static final class Recorder implements StreamOutput {
        final List<SseEvent> events = new ArrayList<>();
        final List<Usage> usages = new ArrayList<>();

        @Override
        public void event(SseEvent event) {
            events.add(event);
        }

        @Override
        public void usage(Usage usage) {
            usages.add(usage);
        }
    }

    private StreamDecoder decoder(boolean clientWantsUsage) {
        return adapter.newStreamDecoder(new ChatRequest(WireFormat.OPENAI_CHAT, Json.MAPPER.createObjectNode(),
                "m", true, clientWantsUsage));
    }

    private static Recorder feed(StreamDecoder decoder, SseEvent... events) {
        Recorder out = new Recorder();
        for (SseEvent e : events) {
            decoder.onEvent(e, out);
        }
        return out;
    }

    @Test
    void usageChunkIsHeldBackWhenTheCallerDidNotAskForUsage() {
        Recorder out = feed(decoder(false), ROLE, TEXT, FINISH, USAGE, DONE);

        assertThat(out.events).containsExactly(ROLE, TEXT, FINISH, DONE);
        assertThat(out.usages).containsExactly(new Usage(11, 5, 3, 2));
    }

    @Test
    void usageChunkIsForwardedWhenTheCallerAskedForUsage() {
        Recorder out = feed(decoder(true), ROLE, TEXT, FINISH, USAGE, DONE);

        assertThat(out.events).containsExactly(ROLE, TEXT, FINISH, USAGE, DONE);
        assertThat(out.usages).containsExactly(new Usage(11, 5, 3, 2));
    }

    @Test
    void eventsPassThroughUnchanged() {
        SseEvent odd = new SseEvent("custom", "{\"choices\":[{\"delta\":{\"content\":\"\\\"usage\\\": {\"}}]}");
        Recorder out = feed(decoder(false), odd, TEXT);

        assertThat(out.events).containsExactly(odd, TEXT);
        assertThat(out.events.get(0)).isSameAs(odd);
        assertThat(out.usages).isEmpty();
    }

    @Test
    void usageOnAChunkWithChoicesIsReportedAndTheChunkKept() {
        SseEvent both = SseEvent.data("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"}}],"
                + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1,\"prompt_cache_hit_tokens\":2}}");

        Recorder out = feed(decoder(false), both);

        assertThat(out.events).containsExactly(both);
        assertThat(out.usages).containsExactly(new Usage(4, 1, 2, 0));
    }

    @Test
    void completeOnlyAfterDone() {
        StreamDecoder decoder = decoder(false);
        Recorder out = new Recorder();

        for (SseEvent e : List.of(ROLE, TEXT, FINISH, USAGE)) {
            decoder.onEvent(e, out);
            assertThat(decoder.complete()).as("complete after %s", e.data()).isFalse();
        }
        decoder.onEvent(DONE, out);
        assertThat(decoder.complete()).isTrue();
    }

    @Test
    void anErrorChunkIsRelayedAndEndsTheStreamAsFailed() {
        SseEvent error = SseEvent.data("{\"error\":{\"message\":\"Overloaded\",\"type\":\"server_error\"}}");
        StreamDecoder decoder = decoder(false);

        Recorder out = feed(decoder, ROLE, TEXT, error);

        assertThat(out.events).containsExactly(ROLE, TEXT, error);
        assertThat(decoder.reportedError()).isEqualTo("Overloaded");
        assertThat(decoder.complete()).isTrue();
    }

    @Test
    void theWordErrorInTheAnswerIsNoError() {
        SseEvent text = SseEvent.data("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\\"error\\\": none\"}}],\"error\":null}");
        StreamDecoder decoder = decoder(false);

        feed(decoder, text);

        assertThat(decoder.reportedError()).isNull();
        assertThat(decoder.complete()).isFalse();
    }

    @Test
    void malformedChunkIsRelayedAsIs() {
        SseEvent broken = SseEvent.data("{\"choices\":[],\"usage\":{\"prompt_tokens\":");

        Recorder out = feed(decoder(false), broken);

        assertThat(out.events).containsExactly(broken);
        assertThat(out.usages).isEmpty();
    }
}
