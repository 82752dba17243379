package io.keyroute.routing.engine;

import static io.keyroute.routing.engine.RoutingEngineTest.BIG;
import static io.keyroute.routing.engine.RoutingEngineTest.CHEAP;
import static io.keyroute.routing.engine.RoutingEngineTest.MID;
import static io.keyroute.routing.engine.RoutingEngineTest.MINI;
import static io.keyroute.routing.engine.RoutingEngineTest.SONNET;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.routing.Access;
import io.keyroute.routing.Route;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.Skip;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A decision with a kept target first (session affinity): only a target the decision holds can be
 * brought forward, the rest keep their order, and the reasons say so.
 */
class KeptDecisionTest {
    private static final Route AUTO = new Route("auto", "complexity", List.of(CHEAP, MINI, MID, SONNET), List.of(BIG));

    private static RouteDecision simple(TestState state) {
        return RoutingEngineTest.decide(RoutingEngineTest.engine(AUTO), "auto", TestShape.text("Hi there"),
                Access.UNRESTRICTED, state);
    }

    @Test
    void aTargetThePlanHoldsGoesFirstAndTheRestKeepTheirOrder() {
        RouteDecision plain = simple(new TestState());
        assertThat(plain.plan().targets()).containsExactly(MINI, CHEAP, MID, SONNET, BIG);

        RouteDecision kept = plain.first(SONNET, "Session kept on anthropic/sonnet.").orElseThrow();

        assertThat(kept.plan().targets()).containsExactly(SONNET, MINI, CHEAP, MID, BIG);
        assertThat(kept.chosen()).isEqualTo(SONNET);
        assertThat(kept.reason()).isEqualTo("Session kept on anthropic/sonnet. " + plain.reason());
        assertThat(kept.plan().reason()).isEqualTo(kept.reason());
        assertThat(kept.classification()).isEqualTo(plain.classification());
        assertThat(plain.first(MINI, "Kept.").orElseThrow().plan().targets()).isEqualTo(plain.plan().targets());
    }

    @Test
    void aTargetLeftOutOrNotACandidateIsNeverBroughtBack() {
        RouteDecision decision = simple(new TestState().open("anthropic"));

        assertThat(decision.first(SONNET, "Kept.")).isEmpty();
        assertThat(decision.skipOf(SONNET)).contains(new Skip(SONNET, Skip.Kind.UNAVAILABLE, "circuit open"));
        assertThat(decision.skipOf(MINI)).isEmpty();
        assertThat(decision.first(io.keyroute.catalog.Target.parse("openai/other"), "Kept.")).isEmpty();
    }

    @Test
    void aNoteFollowsTheReason() {
        RouteDecision plain = simple(new TestState());

        RouteDecision noted = plain.noted("Session moved off anthropic/sonnet: circuit open.");

        assertThat(noted.reason()).isEqualTo(plain.reason() + " Session moved off anthropic/sonnet: circuit open.");
        assertThat(noted.plan().targets()).isEqualTo(plain.plan().targets());
    }
}
