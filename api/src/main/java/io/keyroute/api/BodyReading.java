package io.keyroute.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a caller format's reader made of a request body beyond a chat (a Responses request's
 * translation and the fields its answer echoes), carried with the {@link ChatRequest} so that the
 * translation on each attempt reuses it instead of reading the body again (two more reads were
 * three quarters of a translated request's allocation).
 */
public interface BodyReading {
    /** The tree this was read from, by identity: a request carries it only alongside that very tree. */
    ObjectNode body();
}
