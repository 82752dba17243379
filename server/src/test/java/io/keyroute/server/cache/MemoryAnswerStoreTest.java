package io.keyroute.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.WireFormat;
import io.keyroute.server.config.ExactCacheSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-process store's bounds: time to live per answer, entries, bytes, and the largest answer it keeps. */
class MemoryAnswerStoreTest {
    private final AtomicLong now = new AtomicLong();

    private MemoryAnswerStore store(long entries, long bytes, long answerBytes) {
        return (MemoryAnswerStore) AnswerStores.memory(new ExactCacheSettings(true, 60L, "memory", "workspace", entries,
                bytes, answerBytes, false), now::get);
    }

    private static CachedAnswer answer(int bytes) {
        return new CachedAnswer(WireFormat.OPENAI_CHAT, false, new byte[bytes], List.of(), "openai", "gpt-4o-mini", 42);
    }

    @Test
    void eachAnswerLivesItsOwnTimeToLive() {
        MemoryAnswerStore store = store(100, 1 << 20, 1 << 20);
        store.put("k.-.t.short", answer(10), Duration.ofSeconds(10));
        store.put("k.-.t.long", answer(10), Duration.ofSeconds(60));
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(store.get("k.-.t.short")).isEmpty();
        assertThat(store.get("k.-.t.long")).hasValueSatisfying(a -> assertThat(a.costMicros()).isEqualTo(42));
    }

    /** The time to live goes with each put: reading an answer does not lengthen it, storing it again starts it over. */
    @Test
    void readingLeavesTheTimeToLiveAndStoringAgainRestartsIt() {
        MemoryAnswerStore store = store(100, 1 << 20, 1 << 20);
        store.put("k.-.t.read", answer(10), Duration.ofSeconds(10));
        store.put("k.-.t.again", answer(10), Duration.ofSeconds(10));
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(store.get("k.-.t.read")).isPresent();
        store.put("k.-.t.again", answer(20), Duration.ofSeconds(10));
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(store.get("k.-.t.read")).isEmpty();
        assertThat(store.get("k.-.t.again")).hasValueSatisfying(a -> assertThat(a.body()).hasSize(20));
    }

    @Test
    void entriesAndBytesAreBoundedAndAnOversizedAnswerIsNotKept() {
        MemoryAnswerStore few = store(10, 1 << 20, 1 << 20);
        for (int i = 0; i < 100; i++) {
            few.put("a.-.t." + i, answer(10), Duration.ofMinutes(1));
        }
        assertThat(few.size()).isLessThanOrEqualTo(10);

        MemoryAnswerStore small = store(1_000, 10_000, 5_000);
        for (int i = 0; i < 100; i++) {
            small.put("b.-.t." + i, answer(1_000), Duration.ofMinutes(1));
        }
        assertThat(small.size()).isLessThanOrEqualTo(10);
        small.put("b.-.t.big", answer(6_000), Duration.ofMinutes(1));
        assertThat(small.get("b.-.t.big")).isEmpty();
    }

    @Test
    void removalSelectsByWorkspaceAndTargetAndCounts() {
        MemoryAnswerStore store = store(100, 1 << 20, 1 << 20);
        String ask = "{\"messages\":[]}";
        for (String ws : List.of("ws_a", "ws_b")) {
            for (String target : List.of("openai/gpt-4o-mini", "auto#123")) {
                store.put(AnswerKeys.of(new CacheScope(ws, null), target, WireFormat.OPENAI_CHAT, false, false,
                        io.keyroute.api.Json.MAPPER.createObjectNode().put("x", ask)), answer(1), Duration.ofMinutes(1));
            }
        }
        assertThat(store.remove(new AnswerSelection("ws_a", "auto"))).isEqualTo(1);
        assertThat(store.remove(new AnswerSelection(null, "openai/gpt-4o-mini"))).isEqualTo(2);
        assertThat(store.remove(new AnswerSelection("ws_a", null))).isZero();
        assertThat(store.remove(AnswerSelection.ALL)).isEqualTo(1);
        assertThat(store.size()).isZero();
    }
}
