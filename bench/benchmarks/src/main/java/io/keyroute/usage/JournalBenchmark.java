package io.keyroute.usage;

import io.keyroute.api.Usage;
import io.keyroute.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the usage journal adds to each request before its last byte: one event encoded as a JSON
 * line and copied into the mapped segment file (no system call, no fsync), plus the ledger's later
 * report that it was stored (which lets full segments be deleted, so the disk use stays bounded).
 * In the journal's package because those steps are package-private; on the real disk, under
 * {@code target/}, not tmpfs. {@link #storeBatch} is the other side, the ledger writer's thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JournalBenchmark {
    private static final LedgerEntry EVENT = event("req_01JD8Z4Q7X3V5K2M9N6P1R0S8T", 0, 812_345);
    /** Events the ledger's writer finds queued at once: ~100 ms of requests at c16 on the shared machine. */
    private static final int BATCH = 300;

    private Path dir;
    private LedgerJournal journal;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = scratch("journal-bench");
        journal = LedgerJournal.open(dir, LedgerJournal.DEFAULT_SEGMENT_BYTES);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        journal.close();
        delete(dir);
    }

    /** A new directory under {@code target/}: on the real disk, not tmpfs. */
    private static Path scratch(String prefix) throws IOException {
        Files.createDirectories(Path.of("target"));
        return Files.createTempDirectory(Path.of("target"), prefix);
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            files.forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Files.delete(dir);
    }

    private static LedgerEntry event(String requestId, long millis, long latencyMicros) {
        return new LedgerEntry(Instant.parse("2026-11-21T10:00:00.123Z").plusMillis(millis),
                new RequestRecord(requestId, "key_01JD8Z4Q7X3V5K2M9N6P1R0S8T",
                        "user_01JD8Z4Q7X3V5K2M9N6P1R0S8T", "ws_01JD8Z4Q7X3V5K2M9N6P1R0S8T",
                        "cred_01JD8Z4Q7X3V5K2M9N6P1R0S8T", "auto", "auto", "openai", "gpt-4o-mini", 200, 1, true,
                        new Usage(1_234, 567, 100, 0), 2_109L, latencyMicros, 201_234, "ok"));
    }

    /**
     * The ledger's database (SQLite, migrated, already holding {@link #stored} rows) and the next batch of
     * requests, journaled, as the writer finds them. Each request is one millisecond after the last (ids and
     * times grow as {@code RequestIds}' do) and has its own latency: the rows land where real ones would in
     * every index, the latency-ordered one too. ({@code -p stored=800000}: 32.4 ± 0.7 µs an event against
     * 31.5 ± 4.3 at 300,000 in one run, 2026-12-08.)
     */
    @State(Scope.Benchmark)
    public static class Ledger {
        @Param("300000")
        int stored;

        private final SplittableRandom latencies = new SplittableRandom(1);
        private final List<LedgerEntry> events = new ArrayList<>(BATCH);
        private final List<LedgerJournal.Segment> segments = new ArrayList<>(BATCH);
        private Path dir;
        private Database database;
        private LedgerWriter writer;
        private long next;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = scratch("ledger-bench");
            database = Database.open("jdbc:sqlite:" + dir.resolve("keyroute.db"));
            database.migrate();
            writer = new LedgerWriter(database.jdbc());
            while (next < stored) {
                writer.write(batch());
            }
        }

        @Setup(Level.Invocation)
        public void arrive(JournalBenchmark bench) {
            events.clear();
            events.addAll(batch());
            segments.clear();
            for (LedgerEntry event : events) {
                segments.add(bench.journal.append(event));
            }
        }

        private List<LedgerEntry> batch() {
            List<LedgerEntry> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++, next++) {
                batch.add(event("req_%020d".formatted(next), next, latencies.nextLong(100_000, 2_000_000)));
            }
            return batch;
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            database.close();
            delete(dir);
        }
    }

    /** The ledger writer's work for each event of a batch: the rows inserted in one transaction, then reported to the journal. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void storeBatch(Ledger ledger) {
        ledger.writer.write(ledger.events);
        journal.stored(ledger.segments);
    }

    @Benchmark
    public byte[] encode() {
        return JournalLine.encode(EVENT);
    }

    @Benchmark
    public void appendAndStore() {
        journal.stored(List.of(journal.append(EVENT)));
    }

    /** Four request threads at once: they share the journal's lock and file. */
    @Benchmark
    @Threads(4)
    public void appendAndStoreFourThreads() {
        journal.stored(List.of(journal.append(EVENT)));
    }
}
