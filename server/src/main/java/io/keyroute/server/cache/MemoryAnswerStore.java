package io.keyroute.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * Answers in this process (Caffeine): each kept for its own time to live, within a bound of bytes and one of
 * entries. Both bounds are one weight: an entry weighs its size, but at least {@code maxBytes / maxEntries}, so
 * no more than {@code maxEntries} fit however small they are; the least likely to be asked again go first.
 * The upkeep (admission, eviction, expiry) runs on the thread that stored or read, a few entries' worth at a time:
 * Caffeine's default hands it to the common pool, which woke a thread for nearly every miss's store.
 */
final class MemoryAnswerStore implements AnswerStore {
    private final Cache<String, Kept> answers;
    private final long maxAnswerBytes;
    private final int leastWeight;

    MemoryAnswerStore(long maxEntries, long maxBytes, long maxAnswerBytes, Ticker ticker) {
        this.maxAnswerBytes = maxAnswerBytes;
        this.leastWeight = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxBytes / maxEntries));
        this.answers = Caffeine.newBuilder().maximumWeight(maxBytes).weigher((String key, Kept kept) -> kept.weight)
                .expireAfter(Expiry.writing((String key, Kept kept) -> kept.ttl)).ticker(ticker)
                .executor(Runnable::run).build();
    }

    @Override
    public Optional<CachedAnswer> get(String answerKey) {
        Kept kept = answers.getIfPresent(answerKey);
        return kept == null ? Optional.empty() : Optional.of(kept.answer);
    }

    @Override
    public void put(String answerKey, CachedAnswer answer, Duration ttl) {
        long bytes = answer.bytes();
        if (bytes <= maxAnswerBytes) {
            answers.put(answerKey, new Kept(answer, ttl, (int) Math.min(Integer.MAX_VALUE, Math.max(bytes, leastWeight))));
        }
    }

    @Override
    public long remove(AnswerSelection which) {
        long removed = 0;
        for (var it = answers.asMap().keySet().iterator(); it.hasNext(); ) {
            if (AnswerKeys.selects(which, it.next())) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    /** Answers kept now, after any pending evictions: for tests of the bounds. */
    long size() {
        answers.cleanUp();
        return answers.estimatedSize();
    }

    @Override
    public void close() {
        answers.invalidateAll();
    }

    private record Kept(CachedAnswer answer, Duration ttl, int weight) {
    }
}
