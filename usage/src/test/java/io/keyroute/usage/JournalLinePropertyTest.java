package io.keyroute.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JournalLinePropertyTest {

    @Provide
    Arbitrary<UsageEvent> events() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40).injectNull(0.2); // any characters, quotes and newlines too
        Arbitrary<Long> tokens = Arbitraries.longs().between(0, 10_000_000_000L);
        Arbitrary<Usage> usage = Combinators.combine(tokens, tokens, tokens, tokens, tokens, tokens).as(Usage::new);
        Arbitrary<Instant> at = Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli);
        Arbitrary<Long> cost = Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.2);
        Arbitrary<String> id = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30);
        return Combinators.combine(id, at, text, text, text, text, text, text)
                .as((requestId, when, ws, user, key, cred, requested, route) -> new Object[] {requestId, when, ws, user,
                        key, cred, requested, route})
                .flatMap(head -> Combinators.combine(text, text, Arbitraries.integers().between(100, 599),
                                Arbitraries.of("ok", "error", "cancelled", "cut"), Arbitraries.integers().between(0, 9),
                                usage, cost, tokens)
                        .as((provider, model, status, outcome, attempts, used, micros, latency) -> new UsageEvent(
                                (String) head[0], (Instant) head[1], (String) head[2], (String) head[3],
                                (String) head[4], (String) head[5], (String) head[6], (String) head[7], provider, model,
                                status, outcome, attempts, attempts % 2 == 0, used, micros, latency, latency / 3)));
    }

    @Property(tries = 300)
    void everyEventIsOneLineThatReadsBackAsTheSameEvent(@ForAll("events") UsageEvent event) {
        byte[] line = JournalLine.encode(event);
        int newlines = 0;
        for (byte b : line) {
            newlines += b == '\n' ? 1 : 0;
        }
        assertThat(newlines).isOne();
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        assertThat(JournalLine.decode(line, 0, line.length - 1)).contains(event);
    }
}
