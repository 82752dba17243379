package io.keyroute.server.policy;

/** What a matching rule does to the request. */
public sealed interface PolicyEffect {
    String ROUTE_PREFIX = "route:";

    /** As the config writes it: {@code deny}, {@code allow} or {@code route:<destination>}. */
    String configName();

    /** The request is refused: 403 {@code policy_denied}, naming the rule. */
    record Deny() implements PolicyEffect {
        @Override
        public String configName() {
            return "deny";
        }
    }

    /** The request goes on as routed; the rules after this one are not asked. */
    record Allow() implements PolicyEffect {
        @Override
        public String configName() {
            return "allow";
        }
    }

    /** The request is routed again, to a route, an alias or a {@code provider/model}, as if the caller had asked for it. */
    record RouteTo(String destination) implements PolicyEffect {
        @Override
        public String configName() {
            return ROUTE_PREFIX + destination;
        }
    }

    /** @throws IllegalArgumentException naming what is allowed, for anything else */
    static PolicyEffect parse(String text) {
        if (text != null && text.startsWith(ROUTE_PREFIX) && !text.substring(ROUTE_PREFIX.length()).isBlank()) {
            return new RouteTo(text.substring(ROUTE_PREFIX.length()).strip());
        }
        if ("deny".equals(text)) {
            return new Deny();
        }
        if ("allow".equals(text)) {
            return new Allow();
        }
        throw new IllegalArgumentException("must be deny, allow or route:<route, alias or provider/model>");
    }
}
