package io.keyroute.server.cache;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the exact cache keeps answers, by answer key ({@link AnswerKeys}): in this process or in Redis. The
 * semantic cache finds an answer key; the answer is always read from here.
 */
public interface AnswerStore extends AutoCloseable {
    /** The answer stored under {@code answerKey}, unless it expired or was removed. */
    Optional<CachedAnswer> get(String answerKey);

    /** Keeps {@code answer} for {@code ttl}; one larger than the store's bound is not kept. */
    void put(String answerKey, CachedAnswer answer, Duration ttl);

    /** Removes the answers {@code which} selects; how many there were. */
    long remove(AnswerSelection which);

    @Override
    void close();
}
