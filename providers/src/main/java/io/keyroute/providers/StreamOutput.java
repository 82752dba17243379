package io.keyroute.providers;

import io.keyroute.api.Usage;
import io.keyroute.providers.sse.SseEvent;

/** Where a {@link StreamDecoder} sends what it made of each upstream event. */
public interface StreamOutput {
    /** An event already in the caller's wire format, to be written and flushed as is. */
    void event(SseEvent event);

    /** The provider reported its final usage (may come more than once; the last report wins). */
    void usage(Usage usage);

    /** The provider reported usage that is not its final count yet (the input, before the output is known). */
    default void partialUsage(Usage usage) {
        usage(usage);
    }
}
