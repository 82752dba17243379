package io.keyroute.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * Answers in this process (Caffeine): each kept for its own time to live, within a bound of bytes and one of
 * entries. Both bounds are one weight: an entry weighs its size, but at least {@code maxBytes / maxEntries}, so
 * no more than {@code maxEntries} fit however small they are; the least likely to be asked again go first.
 * An answer is kept as it is, with no wrapper: its weight and its expiry are Caffeine's own fields of the entry
 * (the time to live goes with the put), so each kept answer is as few objects as the GC has to trace and promote.
 * The upkeep (admission, eviction, expiry) runs on the thread that stored or read, a few entries' worth at a time:
 * Caffeine's default hands it to the common pool, which woke a thread for nearly every miss's store.
 */
final class MemoryAnswerStore implements AnswerStore {
    private final Cache<String, CachedAnswer> answers;
    /** Puts with a time to live of their own. */
    private final Policy.VarExpiration<String, CachedAnswer> expiring;
    private final long maxAnswerBytes;

    MemoryAnswerStore(long maxEntries, long maxBytes, long maxAnswerBytes, Ticker ticker) {
        this.maxAnswerBytes = maxAnswerBytes;
        int leastWeight = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxBytes / maxEntries));
        this.answers = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((String key, CachedAnswer answer) -> (int) Math.min(Integer.MAX_VALUE,
                        Math.max(answer.bytes(), leastWeight)))
                // Every answer is put with its own time to live (below); reading one leaves its expiry as it is.
                .expireAfter(Expiry.writing((String key, CachedAnswer answer) -> Duration.ZERO)).ticker(ticker)
                .executor(Runnable::run).build();
        this.expiring = answers.policy().expireVariably().orElseThrow();
    }

    @Override
    public Optional<CachedAnswer> get(String answerKey) {
        return Optional.ofNullable(answers.getIfPresent(answerKey));
    }

    @Override
    public void put(String answerKey, CachedAnswer answer, Duration ttl) {
        if (answer.bytes() <= maxAnswerBytes) {
            expiring.put(answerKey, answer, ttl);
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
}
