package io.keyroute.vault.responses;

import java.util.List;

/**
 * The items of a chain of stored responses, oldest first (each response's input, then its output),
 * and why the walk back stopped.
 *
 * @param responses how many stored responses the items come from
 */
public record Conversation(List<String> items, int responses, Ending ending) {
    public Conversation {
        items = List.copyOf(items);
    }

    public enum Ending {
        /** The first response of the conversation was reached: nothing is missing. */
        COMPLETE,
        /** Older responses were left out: the next would have passed the item or byte bound. */
        BOUNDED,
        /** An older response is gone (deleted, expired, or not this owner's): the items start after it. */
        BROKEN
    }
}
