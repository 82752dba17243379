package io.keyroute.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.WireFormat;
import io.keyroute.providers.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

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

    /** Answers already in Redis stay readable: the bytes are the ones the first (stream-written) encoder made. */
    @Test
    void theBytesAreTheOnesTheFirstEncoderWrote() {
        var json = new CachedAnswer(WireFormat.OPENAI_CHAT, false, "{\"id\":\"é\"}".getBytes(StandardCharsets.UTF_8),
                List.of(), "openai", "gpt-4o-mini", 210);
        var stream = new CachedAnswer(WireFormat.ANTHROPIC_MESSAGES, true, null, List.of(new SseEvent("message_start",
                "{\"a\":1}"), new SseEvent(null, "ü\uD83D\uDE00")), "anthropic", "claude", 7);
        assertThat(HexFormat.of().formatHex(AnswerCodec.encode(json))).isEqualTo("010000000b4f50454e41495f43484154000000"
                + "00066f70656e61690000000b6770742d346f2d6d696e6900000000000000d20000000b7b226964223a22c3a9227d00000000");
        assertThat(HexFormat.of().formatHex(AnswerCodec.encode(stream))).isEqualTo("0100000012414e5448524f5049435f4d45"
                + "5353414745530100000009616e7468726f70696300000006636c61756465000000000000000700000000000000020000000d"
                + "6d6573736167655f7374617274000000077b2261223a317dffffffff00000006c3bcf09f9880");
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
