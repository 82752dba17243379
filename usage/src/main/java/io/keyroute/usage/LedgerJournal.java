package io.keyroute.usage;

import io.keyroute.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage ledger's write-ahead journal. Each request's event is appended as one line to the
 * current segment file before the request's last byte leaves, so a process killed before the
 * ledger's next batch loses nothing: at the next start, {@link #recover} stores what the segments
 * left behind hold (storing is idempotent per request id) and deletes them. A segment is deleted
 * as soon as it is full and every event in it is stored, so only the last moments stay on disk.
 *
 * <p>A segment is a file of fixed size, zero-filled when it is created (so its disk space is taken
 * then, and a full disk is an error there, not a fault later) and mapped into memory: appending a
 * line is a copy into the operating system's page cache, with no system call per event (a
 * {@code write} per event cost ~2.7 µs of the request's CPU here, the copy ~0.1 µs). No fsync:
 * after a process is killed the operating system still holds what it copied and writes it out. A
 * power loss or an operating-system crash can lose the last seconds; that is not covered (fsync per
 * request would cost milliseconds, not µs). A segment's unused end stays zero bytes, skipped when
 * it is read.
 *
 * <p>The directory is owner-only and its files 0600 ({@link PrivateFiles}): they hold who spent what.
 *
 * <p>One process per journal directory: a second one is refused at {@link #open} (its recovery
 * would store and delete the first one's live segments).
 */
public final class LedgerJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerJournal.class);
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".jsonl";
    /** A few thousand requests per segment: few files, and little to replay. */
    public static final long DEFAULT_SEGMENT_BYTES = 4L << 20;
    private static final int ZERO_CHUNK = 64 << 10;

    private final Path dir;
    private final long segmentBytes;
    private final FileChannel lockFile;
    private final List<Path> leftovers;
    private final ReentrantLock lock = new ReentrantLock();
    private long nextNumber;
    private Segment current;
    private boolean closed;
    private boolean failing;

    private LedgerJournal(Path dir, long segmentBytes, FileChannel lockFile, List<Path> leftovers, long nextNumber) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.lockFile = lockFile;
        this.leftovers = leftovers;
        this.nextNumber = nextNumber;
    }

    /** Opens (creating it if needed) the journal in {@code dir}; fails if another process has it open. */
    public static LedgerJournal open(Path dir, long segmentBytes) {
        try {
            PrivateFiles.directory(dir);
            FileChannel lockFile = FileChannel.open(dir.resolve("lock"), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PrivateFiles.attributes(dir.resolve("lock")));
            if (!locked(lockFile)) {
                lockFile.close();
                throw new IllegalStateException("the usage journal " + dir + " is in use by another Keyroute process");
            }
            List<Path> leftovers;
            try (Stream<Path> files = Files.list(dir)) {
                leftovers = files.filter(LedgerJournal::isSegment).sorted().toList();
            }
            long next = leftovers.isEmpty() ? 1 : number(leftovers.getLast()) + 1;
            return new LedgerJournal(dir, segmentBytes, lockFile, leftovers, next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage journal " + dir, e);
        }
    }

    /**
     * Hands the events of the segments an earlier process left to {@code store}, in batches of up
     * to {@code batchSize}, then deletes those segments. A line cut short (the process was killed
     * in the middle of writing it) or unreadable is skipped with a warning. If {@code store}
     * throws, nothing is deleted and the exception propagates: the next start tries again.
     *
     * @return the number of events handed over
     */
    int recover(Consumer<List<LedgerEntry>> store, int batchSize) {
        int count = 0;
        for (Path segment : leftovers) {
            List<LedgerEntry> events = read(segment);
            for (int from = 0; from < events.size(); from += batchSize) {
                store.accept(events.subList(from, Math.min(events.size(), from + batchSize)));
            }
            count += events.size();
        }
        for (Path segment : leftovers) {
            delete(segment);
        }
        if (!leftovers.isEmpty()) {
            LOG.info("usage journal: stored {} requests left by the previous run ({} segments)", count, leftovers.size());
        }
        return count;
    }

    /**
     * Appends the event as one line. The segment holding it, to report to
     * {@link #stored} once the ledger has stored the event; null if it was not written (journal
     * closed, or the disk refused: logged, and the request goes on with only the in-memory queue).
     */
    Segment append(LedgerEntry event) {
        byte[] line = JournalLine.encode(event);
        lock.lock();
        try {
            if (closed) {
                return null;
            }
            if (current != null && !current.fits(line)) {
                seal(current);
            }
            if (current == null) {
                current = new Segment(dir.resolve(PREFIX + "%012d".formatted(nextNumber++) + SUFFIX),
                        Math.max(segmentBytes, line.length));
            }
            Segment holder = current;
            holder.write(line);
            if (failing) {
                failing = false;
                LOG.info("usage journal: writing again to {}", holder.path);
            }
            if (holder.full()) {
                seal(holder);
            }
            return holder;
        } catch (IOException e) {
            if (!failing) {
                failing = true;
                LOG.error("usage journal: cannot write to {}; requests are accounted in memory only until it can: {}",
                        dir, e.getMessage());
            }
            return null; // the segment could not be created: the next event tries a new one
        } finally {
            lock.unlock();
        }
    }

    /**
     * The ledger stored (or for good refused) one event of each segment listed, once per event. The
     * list is counted into runs of one segment before the lock is taken: a batch of hundreds of
     * events lies in one or two segments, so the requests' appends wait on a few additions rather
     * than on a loop over the batch. (The requests' hand-over of this lock to a waiter, ~5% of the off
     * path's samples, stayed after this: its waiters are not the writer's doing; docs/PERFORMANCE.md.)
     */
    void stored(List<Segment> segments) {
        List<Segment> runs = new ArrayList<>(2);
        int[] counts = new int[segments.size()];
        for (Segment segment : segments) {
            if (runs.isEmpty() || runs.getLast() != segment) {
                runs.add(segment);
            }
            counts[runs.size() - 1]++;
        }
        lock.lock();
        try {
            for (int i = 0; i < runs.size(); i++) {
                Segment segment = runs.get(i);
                segment.stored += counts[i];
                deleteIfDone(segment);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops appending; the current segment is deleted if all its events are stored, else kept for the next start. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (current != null) {
                seal(current);
            }
        } finally {
            lock.unlock();
        }
        try {
            lockFile.close(); // releases the process lock
        } catch (IOException e) {
            LOG.warn("usage journal: cannot release {}: {}", dir.resolve("lock"), e.getMessage());
        }
    }

    private void seal(Segment segment) {
        segment.sealed = true;
        current = null;
        deleteIfDone(segment);
    }

    private static void deleteIfDone(Segment segment) {
        if (segment.sealed && segment.stored >= segment.written) {
            delete(segment.path);
        }
    }

    private static List<LedgerEntry> read(Path segment) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(segment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the usage journal segment " + segment, e);
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) { // the segment's unused end
            end--;
        }
        List<LedgerEntry> events = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                int from = start;
                JournalLine.decode(bytes, from, i - from).ifPresentOrElse(events::add,
                        () -> LOG.warn("usage journal: skipped an unreadable line at byte {} of {}", from, segment));
                start = i + 1;
            }
        }
        if (start < end) {
            LOG.warn("usage journal: skipped a line cut short at the end of {} (the process stopped while writing it)",
                    segment);
        }
        return events;
    }

    /** A segment left behind is only stored again (changing nothing) at the next start: worth a warning, not a failure. */
    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("usage journal: cannot delete {}; it will be replayed at the next start: {}", path, e.getMessage());
        }
    }

    private static boolean locked(FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false; // held by this very process (another open journal on the same directory)
        }
    }

    private static boolean isSegment(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    /** One segment file, mapped; its position and counts are guarded by the journal's lock. */
    static final class Segment {
        private final Path path;
        private final MappedByteBuffer map;
        private int written;
        private int stored;
        private boolean sealed;

        private Segment(Path path, long size) throws IOException {
            this.path = path;
            try (FileChannel file = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), PrivateFiles.attributes(path))) {
                allocate(file, size);
                this.map = file.map(FileChannel.MapMode.READ_WRITE, 0, size); // stays valid after the channel closes
            } catch (IOException e) {
                Files.deleteIfExists(path); // e.g. the disk is full: no empty segment left behind
                throw e;
            }
        }

        /** Writes the file's zeros: a sparse file would fault at the copy, not fail here, on a full disk. */
        private static void allocate(FileChannel file, long size) throws IOException {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, ZERO_CHUNK));
            for (long at = 0; at < size; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                at += file.write(zeros, at);
            }
        }

        private boolean fits(byte[] line) {
            return map.remaining() >= line.length;
        }

        private void write(byte[] line) {
            map.put(line);
            written++;
        }

        private boolean full() {
            return !map.hasRemaining();
        }
    }
}
