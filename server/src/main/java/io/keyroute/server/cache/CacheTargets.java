package io.keyroute.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.routing.RouteDecision;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import java.util.List;
import java.util.TreeMap;

/**
 * What an answer's key says was asked for: the model as resolved ({@code openai/gpt-4.1}), or the route's name
 * with a tag of what decides where its requests go (strategy, candidates, fallbacks, weights, tiers), so that a
 * change of a route's candidates is a new key and the old answers are never served again (they expire).
 */
public final class CacheTargets {
    /**
     * Each route's target by its settings (the same object until the config is read again, when the old ones are
     * let go): a request to a route looks its target up instead of writing its settings out and hashing them.
     */
    private static final Cache<RouteSettings, String> ROUTES = Caffeine.newBuilder().weakKeys().maximumSize(1_000)
            .executor(Runnable::run).build();

    private CacheTargets() {
    }

    /** @param route the decision's route's settings, or null for a direct model request */
    public static String of(RouteDecision decision, RouteSettings route) {
        return route == null ? decision.chosen().qualified() : ROUTES.get(route, CacheTargets::ofRoute);
    }

    private static String ofRoute(RouteSettings route) {
        // Maps in sorted order: a Map.copyOf's own order differs between processes sharing Redis.
        String decides = route.strategy() + '|' + route.candidates() + '|' + route.fallback() + '|'
                + new TreeMap<>(route.weights()) + '|' + new TreeMap<>(route.tiers());
        return route.name() + '#' + AnswerKeys.tag(decides);
    }

    /** The route named {@code name} in {@code routes}, or null (a direct model request's name is null). */
    public static RouteSettings route(List<RouteSettings> routes, String name) {
        if (name == null) {
            return null;
        }
        for (RouteSettings route : routes) {
            if (route.name().equals(name)) {
                return route;
            }
        }
        return null;
    }
}
