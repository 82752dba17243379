package io.keyroute.server.cache.semantic;

import io.keyroute.server.cache.SimilarAnswers.SimilarAnswer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;

/**
 * One partition's vectors in this process, oldest first, and the nearest of them: the in-process index's partitions,
 * and the Redis index's copies of its lists. Thread-safe; the weight is what a Caffeine bound counts (floats).
 */
final class VectorList {
    /**
     * An entry's own cost beyond its floats (object headers, the key), in floats; an empty list costs as much, so a
     * bound by weight also bounds how many empty lists (partitions looked up, never added to) are kept.
     */
    private static final int OVERHEAD = 32;

    record Entry(float[] unit, String answerKey, long expiresAt) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private volatile int weight = OVERHEAD;

    int weight() {
        return weight;
    }

    synchronized Optional<SimilarAnswer> nearest(float[] unit, double minSimilarity, long now) {
        SimilarAnswer best = null;
        for (Entry e : entries) {
            if (e.expiresAt() > now) {
                double similarity = Vectors.cosine(unit, e.unit());
                if (similarity >= minSimilarity && (best == null || similarity > best.similarity())) {
                    best = new SimilarAnswer(e.answerKey(), similarity);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Adds {@code entry} as the newest; then only the newest {@code maxEntries} that have not expired stay. */
    synchronized void add(Entry entry, int maxEntries, long now) {
        entries.addLast(entry);
        for (Iterator<Entry> i = entries.iterator(); i.hasNext(); ) {
            if (i.next().expiresAt() <= now) {
                i.remove();
            }
        }
        while (entries.size() > maxEntries) {
            entries.removeFirst();
        }
        int floats = OVERHEAD;
        for (Entry e : entries) {
            floats += e.unit().length + OVERHEAD;
        }
        weight = floats;
    }

    synchronized void clear() {
        entries.clear();
        weight = OVERHEAD;
    }
}
