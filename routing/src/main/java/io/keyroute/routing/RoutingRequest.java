package io.keyroute.routing;

import io.keyroute.routing.complexity.ChatShape;

/**
 * One request to route.
 *
 * @param model     what the caller asked for
 * @param stickyKey who is asking (user id, else key id), for weighted splits
 */
public record RoutingRequest(String model, ChatShape shape, Access access, String stickyKey) {
}
