package io.keyroute.testkit;

import io.keyroute.testkit.replies.Reply;

import java.time.Duration;
import java.util.List;

/**
 * What every provider fake offers a test, whatever its wire format: where it listens, a script of
 * {@link Reply}s, the requests it received and control over its streams. Lets one test drive the
 * OpenAI, Anthropic and Gemini fakes alike (the providers' conformance cases).
 */
public interface FakeUpstream extends AutoCloseable {

    /** The API root as the provider's SDKs take it. */
    String baseUrl();

    /** Queues replies for the next calls (one each, in order). */
    FakeUpstream enqueue(Reply... replies);

    /** Every request received, oldest first. */
    List<RecordedRequest> requests();

    /** The latest request received, or null. */
    RecordedRequest lastRequest();

    /** Lets {@code n} more events of a {@link Reply#gated()} stream go out. */
    void releaseChunks(int n);

    /** Waits until {@code atLeast} streams ended because their client went away; false on timeout. */
    boolean awaitCancelledStreams(long atLeast, Duration timeout);

    @Override
    void close();
}
