package io.keyroute.providers.sse;

import java.io.IOException;

/**
 * An upstream sent a line or an event larger than {@link SseReader} holds: a broken or hostile
 * upstream (one event of endless {@code data:} lines), not an answer worth the memory.
 */
public final class SseTooLarge extends IOException {
    SseTooLarge(String message) {
        super(message);
    }
}
