package io.keyroute.server.cache.semantic;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.server.cache.SimilarAnswers.SimilarAnswer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Vectors in this process: each partition a {@link VectorList} of its newest entries, the partitions in a Caffeine
 * cache bounded by the floats they hold in all (least recently used partition dropped first), so the index stays
 * within {@code maxFloats × 4} bytes of vectors however many workspaces, targets and contexts there are.
 */
public final class MemoryIndex implements VectorIndex {
    private final Cache<String, VectorList> partitions;
    private final Clock clock;

    public MemoryIndex(long maxFloats, Clock clock) {
        this.clock = clock;
        this.partitions = weighedByFloats(maxFloats, VectorList::weight);
    }

    /** Partitions kept within {@code maxFloats} in all; one is weighed again each time it is put back. */
    static <V> Cache<String, V> weighedByFloats(long maxFloats, ToIntFunction<V> floats) {
        return Caffeine.newBuilder()
                .maximumWeight(maxFloats)
                .weigher((String key, V partition) -> floats.applyAsInt(partition))
                .executor(Runnable::run) // evictions on the adding thread: the bound holds when an add returns
                .build();
    }

    @Override
    public Optional<SimilarAnswer> nearest(String partition, float[] unit, double minSimilarity) {
        VectorList list = partitions.getIfPresent(partition);
        return list == null ? Optional.empty() : list.nearest(unit, minSimilarity, clock.millis());
    }

    @Override
    public void add(String partition, float[] unit, String answerKey, Duration ttl, int maxEntries) {
        VectorList list = partitions.get(partition, k -> new VectorList());
        long now = clock.millis();
        list.add(new VectorList.Entry(unit, answerKey, now + ttl.toMillis()), maxEntries, now);
        partitions.put(partition, list); // weighed again with what it now holds
    }

    @Override
    public String describe() {
        return "in this process";
    }

    @Override
    public void close() {
        partitions.invalidateAll();
    }
}
