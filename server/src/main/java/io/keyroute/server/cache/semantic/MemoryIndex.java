package io.keyroute.server.cache.semantic;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.server.cache.SimilarAnswers.SimilarAnswer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;

/**
 * Vectors in this process: each partition a queue of its newest entries, the partitions in a Caffeine cache
 * bounded by the floats they hold in all (least recently used partition dropped first), so the index stays
 * within {@code maxFloats × 4} bytes of vectors however many workspaces, targets and contexts there are.
 */
public final class MemoryIndex implements VectorIndex {
    /** An entry's own cost beyond its floats (object headers, the key), in floats. */
    private static final int OVERHEAD = 32;

    private final Cache<String, Partition> partitions;
    private final Clock clock;

    public MemoryIndex(long maxFloats, Clock clock) {
        this.clock = clock;
        this.partitions = Caffeine.newBuilder()
                .maximumWeight(maxFloats)
                .weigher((String key, Partition p) -> p.weight())
                .build();
    }

    @Override
    public Optional<SimilarAnswer> nearest(String partition, float[] unit, double minSimilarity) {
        Partition p = partitions.getIfPresent(partition);
        return p == null ? Optional.empty() : p.nearest(unit, minSimilarity, clock.millis());
    }

    @Override
    public void add(String partition, float[] unit, String answerKey, Duration ttl, int maxEntries) {
        Partition p = partitions.get(partition, k -> new Partition());
        p.add(new Entry(unit, answerKey, clock.millis() + ttl.toMillis()), maxEntries, clock.millis());
        partitions.put(partition, p); // weighed again with what it now holds
    }

    @Override
    public String describe() {
        return "in this process";
    }

    @Override
    public void close() {
        partitions.invalidateAll();
    }

    private record Entry(float[] unit, String answerKey, long expiresAt) {
    }

    private static final class Partition {
        private final ArrayDeque<Entry> entries = new ArrayDeque<>();
        private volatile int weight;

        int weight() {
            return weight;
        }

        synchronized Optional<SimilarAnswer> nearest(float[] unit, double minSimilarity, long now) {
            SimilarAnswer best = null;
            for (Entry e : entries) {
                double similarity = Vectors.cosine(unit, e.unit());
                if (e.expiresAt() > now && similarity >= minSimilarity
                        && (best == null || similarity > best.similarity())) {
                    best = new SimilarAnswer(e.answerKey(), similarity);
                }
            }
            return Optional.ofNullable(best);
        }

        synchronized void add(Entry entry, int maxEntries, long now) {
            for (Iterator<Entry> i = entries.iterator(); i.hasNext(); ) {
                if (i.next().expiresAt() <= now) {
                    i.remove();
                }
            }
            entries.addLast(entry);
            while (entries.size() > maxEntries) {
                entries.removeFirst();
            }
            int floats = 0;
            for (Entry e : entries) {
                floats += e.unit().length + OVERHEAD;
            }
            weight = floats;
        }
    }
}
