package io.keyroute.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * However the ledger groups and orders its reports of stored events (a batch spans segments, a
 * row refused alone comes later), a sealed segment is deleted exactly when every event in it has
 * been reported, and the current one stays until then.
 */
class LedgerJournalStoredPropertyTest {

    @Property(tries = 60)
    void aSegmentGoesExactlyWhenAllItsEventsAreReported(@ForAll @IntRange(min = 1, max = 40) int events,
                                                        @ForAll @IntRange(min = 1, max = 4) int perSegment,
                                                        @ForAll long seed) throws IOException {
        Path dir = Files.createTempDirectory("journal-stored");
        long oneLine = JournalLine.encode(LedgerJournalTest.event("req_00")).length;
        try (var journal = LedgerJournal.open(dir, perSegment * oneLine)) {
            List<LedgerJournal.Segment> held = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                held.add(journal.append(LedgerJournalTest.event("req_%02d".formatted(i))));
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                order.add(i);
            }
            var random = new Random(seed);
            Collections.shuffle(order, random);
            boolean[] reported = new boolean[events];
            for (int from = 0; from < events; ) {
                int to = Math.min(events, from + 1 + random.nextInt(6));
                List<LedgerJournal.Segment> batch = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    batch.add(held.get(order.get(i)));
                    reported[order.get(i)] = true;
                }
                journal.stored(batch);
                from = to;

                assertThat(files(dir)).containsExactlyElementsOf(expected(events, perSegment, reported));
            }
        } finally {
            try (var left = Files.walk(dir)) {
                left.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Segment i holds events i*perSegment.. ; all are sealed but a last one not yet full. */
    private static List<String> expected(int events, int perSegment, boolean[] reported) {
        List<String> left = new ArrayList<>();
        int segments = (events + perSegment - 1) / perSegment;
        for (int s = 0; s < segments; s++) {
            boolean sealed = Math.min(events, (s + 1) * perSegment) - s * perSegment == perSegment;
            boolean allReported = true;
            for (int e = s * perSegment; e < Math.min(events, (s + 1) * perSegment); e++) {
                allReported &= reported[e];
            }
            if (!(sealed && allReported)) {
                left.add("segment-%012d.jsonl".formatted(s + 1));
            }
        }
        return left;
    }

    private static List<String> files(Path dir) {
        try (var list = Files.list(dir)) {
            return list.map(f -> f.getFileName().toString()).filter(n -> !n.equals("lock")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
