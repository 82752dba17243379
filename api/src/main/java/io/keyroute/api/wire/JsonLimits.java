package io.keyroute.api.wire;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.keyroute.api.Json;

/**
 * The parser limits a body can break on purpose (see {@link Json#CONSTRAINTS}), named in the
 * caller's terms: Jackson's own message speaks of its configuration methods.
 */
public final class JsonLimits {
    private JsonLimits() {
    }

    /** What the body does that the parser refuses, e.g. "nests deeper than 1000 levels". */
    public static String describe(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Document nesting depth")) {
            return "nests deeper than " + Json.CONSTRAINTS.getMaxNestingDepth() + " levels";
        }
        if (message.startsWith("Number")) {
            return "has a number longer than " + Json.CONSTRAINTS.getMaxNumberLength() + " characters";
        }
        if (message.startsWith("Name length")) {
            return "has a property name longer than " + Json.CONSTRAINTS.getMaxNameLength() + " characters";
        }
        return "exceeds a limit of the JSON parser";
    }
}
