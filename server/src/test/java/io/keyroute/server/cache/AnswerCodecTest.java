package io.keyroute.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.WireFormat;
import io.keyroute.providers.sse.SseEvent;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A stored answer read back is the one written; bytes that are not one read as none, never as an exception. */
class AnswerCodecTest {
    @Property
    void anAnswerReadsBackAsWritten(@ForAll("answers") CachedAnswer answer) {
        CachedAnswer read = AnswerCodec.decode(AnswerCodec.encode(answer)).orElseThrow();
        assertThat(read.format()).isEqualTo(answer.format());
        assertThat(read.streamed()).isEqualTo(answer.streamed());
        assertThat(read.body()).isEqualTo(answer.body());
        assertThat(read.events()).isEqualTo(answer.events());
        assertThat(read.provider()).isEqualTo(answer.provider());
        assertThat(read.model()).isEqualTo(answer.model());
        assertThat(read.costMicros()).isEqualTo(answer.costMicros());
    }

    @Property
    void anyPrefixOrGarbageReadsAsNoAnswer(@ForAll("answers") CachedAnswer answer, @ForAll byte[] garbage) {
        byte[] bytes = AnswerCodec.encode(answer);
        assertThat(AnswerCodec.decode(Arrays.copyOf(bytes, bytes.length - 1))).isEmpty();
        AnswerCodec.decode(garbage); // no exception, whatever it holds
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThat(AnswerCodec.decode(longer)).isEmpty();
    }

    @Provide
    Arbitrary<CachedAnswer> answers() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<SseEvent> event = Combinators.combine(text.injectNull(0.3), text).as(SseEvent::new);
        return Combinators.combine(Arbitraries.of(WireFormat.class), Arbitraries.of(true, false),
                        text.map(String::getBytes), event.list().ofMaxSize(20), text, text,
                        Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as((format, streamed, body, events, provider, model, cost) -> new CachedAnswer(format, streamed,
                        streamed ? null : body, streamed ? events : List.of(), provider, model, cost));
    }
}
