package io.keyroute.server.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Logger, thread and level names the masker found clean, by identity, with the generation of the
 * registered secrets they were checked against: a small direct-mapped table, where a name that
 * collides with another only costs a search. Thread-safe: a slot holds one immutable entry.
 */
final class CleanNames {
    private static final int SLOTS = 256;
    private static final String LOGGER = "logger";
    private static final String THREAD = "thread";
    private static final String LEVEL = "level";

    private record Entry(String name, long generation) {
    }

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    /** Whether the value being written is the line's logger, thread or level name (top level, as the encoder names them). */
    static boolean isNameField(JsonStreamContext context) {
        if (context == null) {
            return false;
        }
        JsonStreamContext parent = context.getParent();
        String field = context.getCurrentName();
        return parent != null && parent.inRoot() && (LOGGER.equals(field) || THREAD.equals(field)
                || LEVEL.equals(field));
    }

    /** Whether this very string was found clean while the registered secrets were at {@code generation}. */
    boolean holds(String name, long generation) {
        Entry entry = slots.get(slot(name));
        return entry != null && entry.name == name && entry.generation == generation;
    }

    void remember(String name, long generation) {
        slots.set(slot(name), new Entry(name, generation));
    }

    private static int slot(String name) {
        return System.identityHashCode(name) & (SLOTS - 1);
    }
}
