package io.keyroute.routing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.error.GatewayError;
import io.keyroute.catalog.Capability;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Needs;
import io.keyroute.catalog.Target;
import io.keyroute.catalog.Tier;
import io.keyroute.routing.Access;
import io.keyroute.routing.Candidate;
import io.keyroute.routing.Catalogs;
import io.keyroute.routing.ModelResolver;
import io.keyroute.routing.Route;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.RoutingRequest;
import io.keyroute.routing.RoutingState;
import io.keyroute.routing.complexity.Classification;
import io.keyroute.routing.complexity.Complexity;
import io.keyroute.routing.complexity.RequestFeatures;
import io.keyroute.routing.strategy.Strategies;
import io.keyroute.routing.strategy.StrategyContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** The routing invariants users rely on, over generated catalogs, routes, requests and states. */
class RoutingPropertiesTest {
    private static final List<String> PROVIDERS = List.of("openai", "anthropic", "gemini", "deepseek");

    /** A generated world: catalog, one route over it, a plan, a request and a state. */
    record World(List<ModelInfo> models, Route route, Access access, TestShape shape, TestState state, String caller) {
        RoutingEngine engine() {
            ModelCatalog catalog = Catalogs.of(models);
            return new RoutingEngine(new ModelResolver(Set.copyOf(PROVIDERS), List.of(route), catalog), catalog, Set.of());
        }

        RoutingRequest request() {
            return new RoutingRequest(route.name(), shape, access, caller);
        }
    }

    @Property(tries = 500)
    void routingIsDeterministicForTheSameInputAndState(@ForAll("worlds") World w) {
        Object first = outcome(w.engine(), w);
        Object second = outcome(w.engine(), w);

        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 1000)
    void aPlanOnlyHoldsConfiguredAvailableAllowedCapableModels(@ForAll("worlds") World w) {
        RouteDecision d;
        try {
            d = w.engine().decide(w.request(), w.state());
        } catch (GatewayError e) {
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("decided");
        Statistics.coverage(c -> c.check("decided").percentage(p -> p > 30));
        Set<Target> configured = new HashSet<>(w.route().candidates());
        configured.addAll(w.route().fallback());
        Map<Target, ModelInfo> byTarget = new HashMap<>();
        w.models().forEach(m -> byTarget.put(m.target(), m));
        assertThat(d.plan().targets()).doesNotHaveDuplicates().allSatisfy(t -> {
            assertThat(configured).contains(t);
            assertThat(w.state().openCircuits).doesNotContain(t.providerId());
            assertThat(w.state().noCredential).doesNotContain(t.providerId());
            assertThat(w.access().denies(t, w.route().name())).isEmpty();
            ModelInfo info = byTarget.get(t);
            if (info != null) {
                assertThat(d.needs().unmetBy(info)).isEmpty();
            }
        });
        assertThat(d.skipped()).allSatisfy(s -> assertThat(d.plan().targets()).doesNotContain(s.target()));
    }

    @Property(tries = 500)
    void unavailableProvidersAreAlwaysSkipped(@ForAll("worlds") World w, @ForAll("provider") String down) {
        w.state().open(down);
        String keyless = PROVIDERS.get((PROVIDERS.indexOf(down) + 1) % PROVIDERS.size());
        w.state().keyless(keyless);
        try {
            RouteDecision d = w.engine().decide(w.request(), w.state());
            assertThat(d.plan().targets()).noneMatch(t -> t.providerId().equals(down) || t.providerId().equals(keyless));
        } catch (GatewayError e) {
            assertThat(e.status()).isIn(400, 403, 502);
        }
    }

    /** Among candidates that can all serve the request, cost never ranks a dearer one before a cheaper one. */
    @Property(tries = 1000)
    void costNeverPrefersAMoreExpensiveModel(@ForAll("worlds") World w) {
        Route cost = new Route(w.route().name(), "cost", w.route().candidates(), List.of());
        World world = new World(w.models(), cost, Access.UNRESTRICTED, w.shape(), new TestState(), w.caller());
        RouteDecision d;
        try {
            d = world.engine().decide(world.request(), world.state());
        } catch (GatewayError e) {
            return;
        }
        List<Double> costs = d.ordered().stream()
                .map(e -> e.estimatedUsd() == null ? Double.POSITIVE_INFINITY : e.estimatedUsd()).toList();
        assertThat(costs).isSorted();
    }

    /** A harder request never lands on a lower tier, whatever (monotonic) tier map the route uses. */
    @Property(tries = 1000)
    void complexityToTierIsMonotonic(@ForAll("tieredCandidates") List<Candidate> candidates,
                                     @ForAll("monotonicTiers") Map<Complexity, Tier> tiers) {
        Route route = new Route("auto", "complexity", candidates.stream().map(Candidate::target).toList(), List.of(),
                Map.of(), tiers);
        int previous = -1;
        for (Complexity level : Complexity.values()) {
            var classification = new Classification(level, 0, new RequestFeatures(1, 1, 0, 0, 0, 0, 0, 0), List.of());
            var needs = new Needs(Set.of(), 1, 0, 500);
            var ordering = Strategies.named("complexity").orElseThrow()
                    .order(candidates, new StrategyContext(route, classification, needs, RoutingState.NONE, "u"));
            int rank = ordering.candidates().getFirst().info().orElseThrow().tier().rank();
            assertThat(rank).isGreaterThanOrEqualTo(previous);
            assertThat(ordering.candidates().getFirst().info().orElseThrow().tier()).isEqualTo(route.tierMap().tierFor(level));
            previous = rank;
        }
    }

    /** Over many callers each arm's share approaches its weight; each caller stays on one arm. */
    @Property(tries = 30)
    void weightedSplitsConvergeToTheirWeightsAndStick(@ForAll("weights") List<Integer> weights) {
        List<Target> arms = new ArrayList<>();
        Map<Target, Integer> byArm = new LinkedHashMap<>();
        for (int i = 0; i < weights.size(); i++) {
            Target t = new Target("openai", "arm-" + i);
            arms.add(t);
            byArm.put(t, weights.get(i));
        }
        Route route = new Route("ab", "weighted", arms, List.of(), byArm, Map.of());
        ModelCatalog catalog = Catalogs.of(arms.toArray(Target[]::new));
        var engine = new RoutingEngine(new ModelResolver(Set.of("openai"), List.of(route), catalog), catalog, Set.of());
        int callers = 20_000;
        Map<Target, Integer> hits = new HashMap<>();
        for (int u = 0; u < callers; u++) {
            var request = new RoutingRequest("ab", TestShape.text("hi"), Access.UNRESTRICTED, "user-" + u);
            Target chosen = engine.decide(request, RoutingState.NONE).chosen();
            hits.merge(chosen, 1, Integer::sum);
            if (u % 97 == 0) {
                var other = new RoutingRequest("ab", TestShape.text("something else"), Access.UNRESTRICTED, "user-" + u);
                assertThat(engine.decide(other, RoutingState.NONE).chosen()).as("sticky").isEqualTo(chosen);
            }
        }
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        for (Target arm : arms) {
            double expected = (double) byArm.get(arm) / total;
            double actual = hits.getOrDefault(arm, 0) / (double) callers;
            assertThat(actual).as(arm + " share").isCloseTo(expected, org.assertj.core.data.Offset.offset(0.02));
        }
    }

    private static Object outcome(RoutingEngine engine, World w) {
        try {
            return engine.decide(w.request(), w.state());
        } catch (GatewayError e) {
            return e.getClass().getSimpleName() + ":" + e.code() + ":" + e.getMessage();
        }
    }

    // ---- generators ------------------------------------------------------------------------

    @Provide
    Arbitrary<String> provider() {
        return Arbitraries.of(PROVIDERS);
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<List<ModelInfo>> models = model().list().ofMinSize(1).ofMaxSize(8)
                .uniqueElements(ModelInfo::target);
        return models.flatMap(ms -> Combinators.combine(
                route(ms), access(ms), shape(), state(ms), Arbitraries.strings().alpha().ofLength(6))
                .as((route, access, shape, state, caller) -> new World(ms, route, access, shape, state, caller)));
    }

    private Arbitrary<ModelInfo> model() {
        Arbitrary<Target> target = Combinators.combine(Arbitraries.of(PROVIDERS), Arbitraries.integers().between(0, 5))
                .as((p, i) -> new Target(p, "m" + i));
        Arbitrary<Set<Capability>> caps = Arbitraries.of(Capability.TOOLS, Capability.VISION, Capability.JSON_MODE,
                Capability.STREAMING, Capability.REASONING).set().map(s -> s.isEmpty() ? Set.<Capability>of() : EnumSet.copyOf(s));
        return Combinators.combine(target, Arbitraries.of(Tier.BUDGET, Tier.MID, Tier.PREMIUM),
                        Arbitraries.doubles().between(0.01, 20).ofScale(2), Arbitraries.doubles().between(0.01, 80).ofScale(2),
                        Arbitraries.of(8_192, 65_536, 128_000, 1_000_000), caps)
                .as((t, tier, in, out, ctx, cs) -> Catalogs.model(t, tier, in, out, ctx, cs));
    }

    private Arbitrary<Route> route(List<ModelInfo> models) {
        List<Target> targets = models.stream().map(ModelInfo::target).toList();
        Arbitrary<List<Target>> candidates = Arbitraries.of(targets).list().ofMinSize(1).ofMaxSize(targets.size()).uniqueElements();
        Arbitrary<List<Target>> fallback = Arbitraries.of(targets).list().ofMaxSize(3).uniqueElements();
        return Combinators.combine(Arbitraries.of(Strategies.configNames()), candidates, fallback, Arbitraries.integers().between(0, 5))
                .as((strategy, cs, fb, w) -> {
                    Map<Target, Integer> weights = new HashMap<>();
                    for (int i = 0; i < cs.size(); i++) {
                        weights.put(cs.get(i), (w + i) % 4);
                    }
                    return new Route("r", strategy, cs, fb, weights, Map.of());
                });
    }

    private Arbitrary<Access> access(List<ModelInfo> models) {
        List<String> names = models.stream().map(m -> m.target().qualified()).toList();
        Arbitrary<Access> limited = Arbitraries.of(names).list().ofMinSize(1).ofMaxSize(names.size()).uniqueElements()
                .map(allowed -> new Access("free", allowed, Set.of()));
        Arbitrary<Access> keyLimited = Arbitraries.of(names).set().ofMinSize(1).ofMaxSize(names.size())
                .map(allowed -> new Access(null, List.of(), allowed));
        return Arbitraries.oneOf(Arbitraries.just(Access.UNRESTRICTED), limited, keyLimited,
                Arbitraries.of(PROVIDERS).map(p -> new Access("team", List.of(p + "/*"), Set.of())));
    }

    private Arbitrary<TestShape> shape() {
        // Mostly ordinary requests, sometimes large or demanding ones, so both outcomes are common.
        Arbitrary<Integer> size = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(1, 4_000)),
                Tuple.of(2, Arbitraries.integers().between(4_000, 200_000)));
        return Combinators.combine(size, Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(1, 1), Tuple.of(1, 2)),
                        Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(2, 1), Tuple.of(2, 3)),
                        Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)),
                        Arbitraries.of("", "step by step", "prove the theorem", "```x```"))
                .as((tokens, images, tools, json, cue) -> {
                    TestShape s = TestShape.text(cue + "x".repeat(Math.min(tokens, 50_000) * 4))
                            .withImages(images).withTools(tools);
                    return json ? s.withJson() : s;
                });
    }

    private Arbitrary<TestState> state(List<ModelInfo> models) {
        return Combinators.combine(Arbitraries.of(PROVIDERS).set().ofMaxSize(2), Arbitraries.of(PROVIDERS).set().ofMaxSize(1),
                        Arbitraries.longs().between(10, 2_000).list().ofSize(models.size()))
                .as((open, keyless, latencies) -> {
                    var state = new TestState();
                    open.forEach(state::open);
                    keyless.forEach(state::keyless);
                    for (int i = 0; i < models.size(); i++) {
                        if (latencies.get(i) % 3 != 0) {
                            state.latency(models.get(i).target(), latencies.get(i));
                        }
                    }
                    return state;
                });
    }

    @Provide
    Arbitrary<List<Candidate>> tieredCandidates() {
        Arbitrary<ModelInfo> any = model();
        return any.list().ofMinSize(0).ofMaxSize(5).map(extra -> {
            List<ModelInfo> all = new ArrayList<>(extra);
            // One of each general tier, so every level has its tier on offer.
            for (Tier tier : List.of(Tier.BUDGET, Tier.MID, Tier.PREMIUM)) {
                all.add(Catalogs.model(new Target("gemini", "tier-" + tier.configName()), tier, 1, 1));
            }
            List<Candidate> out = new ArrayList<>();
            Set<Target> seen = new HashSet<>();
            for (ModelInfo m : all) {
                if (seen.add(m.target())) {
                    out.add(new Candidate(m.target(), java.util.Optional.of(m), out.size()));
                }
            }
            return out;
        });
    }

    @Provide
    Arbitrary<Map<Complexity, Tier>> monotonicTiers() {
        return Arbitraries.of(Tier.BUDGET, Tier.MID, Tier.PREMIUM).list().ofSize(4).map(list -> {
            List<Tier> sorted = list.stream().sorted(java.util.Comparator.comparingInt(Tier::rank)).toList();
            Map<Complexity, Tier> map = new EnumMap<>(Complexity.class);
            for (Complexity c : Complexity.values()) {
                map.put(c, sorted.get(c.ordinal()));
            }
            return map;
        });
    }

    @Provide
    Arbitrary<List<Integer>> weights() {
        return Arbitraries.integers().between(0, 10).list().ofMinSize(2).ofMaxSize(4)
                .filter(ws -> ws.stream().mapToInt(Integer::intValue).sum() > 0);
    }

}
