package io.keyroute.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JournalLinePropertyTest {

    @Provide
    Arbitrary<LedgerEntry> events() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40).injectNull(0.2); // any characters, quotes and newlines too
        Arbitrary<Long> tokens = Arbitraries.longs().between(0, 10_000_000_000L);
        Arbitrary<Usage> usage = Combinators.combine(tokens, tokens, tokens, tokens, tokens, tokens).as(Usage::new);
        // to the nanosecond, up to 2096 (the clock's instants are finer than the ledger's milliseconds)
        Arbitrary<Instant> at = Arbitraries.longs().between(0, 4_000_000_000_000_000_000L)
                .map(nanos -> Instant.ofEpochSecond(0, nanos));
        Arbitrary<Long> cost = Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.2);
        Arbitrary<String> id = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30);
        return Combinators.combine(id, at, text, text, text, text, text, text)
                .as((requestId, when, ws, user, key, cred, requested, route) -> new Object[] {requestId, when, ws, user,
                        key, cred, requested, route})
                .flatMap(head -> Combinators.combine(text, text, Arbitraries.integers().between(100, 599),
                                Arbitraries.of("ok", "error", "cancelled", "cut"), Arbitraries.integers().between(0, 9),
                                usage, cost, tokens)
                        .as((provider, model, status, outcome, attempts, used, micros, latency) -> new LedgerEntry(
                                (Instant) head[1], new RequestRecord((String) head[0], (String) head[4],
                                        (String) head[3], (String) head[2], (String) head[5], (String) head[6],
                                        (String) head[7], provider, model, status, attempts, attempts % 2 == 0, used,
                                        micros, latency, latency / 3, outcome, status % 2 == 1, (String) head[6])
                                        .withExperiment(attempts % 3 == 0 ? "exp-" + attempts : null, model))));
    }

    @Property(tries = 300)
    void everyEventIsOneLineThatReadsBackAsTheSameEvent(@ForAll("events") LedgerEntry event) {
        byte[] line = JournalLine.encode(event);
        int newlines = 0;
        for (byte b : line) {
            newlines += b == '\n' ? 1 : 0;
        }
        assertThat(newlines).isOne();
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        assertThat(JournalLine.decode(line, 0, line.length - 1)).contains(event);
    }

    /** A journal left by the previous version (ISO time) must still replay after an upgrade. */
    @Example
    void aVersionOneLineIsStillRead() {
        String line = "{\"v\":1,\"request_id\":\"req-1\",\"at\":\"2026-11-21T13:40:00.123456Z\",\"workspace_id\":\"ws\","
                + "\"user_id\":null,\"key_id\":\"k\",\"credential_id\":\"c\",\"requested_model\":\"gpt-4o\","
                + "\"route\":null,\"provider\":\"openai\",\"model\":\"gpt-4o\",\"status\":200,\"outcome\":\"ok\","
                + "\"attempts\":1,\"streamed\":true,\"prompt_tokens\":10,\"completion_tokens\":20,\"cached_tokens\":3,"
                + "\"reasoning_tokens\":4,\"cache_write_tokens\":5,\"cache_write_1h_tokens\":1,\"cost_micros\":77,"
                + "\"latency_us\":1500,\"ttft_us\":300}";
        byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(JournalLine.decode(bytes, 0, bytes.length)).contains(new LedgerEntry(
                Instant.parse("2026-11-21T13:40:00.123456Z"), new RequestRecord("req-1", "k", null, "ws", "c", "gpt-4o",
                        null, "openai", "gpt-4o", 200, 1, true, new Usage(10, 20, 3, 4, 5, 1), 77L, 1500, 300, "ok")));
    }

    @Example
    void aLineOfAnUnknownVersionIsSkipped() {
        byte[] line = JournalLine.encode(new LedgerEntry(Instant.parse("2026-11-21T13:40:00Z"),
                new RequestRecord("req-2", "k", "u", "ws", "c", "m", "r", "p", "m", 200, 1, false, Usage.NONE, null,
                        1, 1, "ok")));
        String future = new String(line, java.nio.charset.StandardCharsets.UTF_8).replace("\"v\":2", "\"v\":3");

        assertThat(JournalLine.decode(future.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, future.length() - 1))
                .isEmpty();
    }
}
