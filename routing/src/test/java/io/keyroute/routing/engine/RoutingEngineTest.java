package io.keyroute.routing.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyroute.api.Json;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.wire.openai.OpenAiRequestReader;
import io.keyroute.catalog.Capability;
import io.keyroute.catalog.Target;
import io.keyroute.catalog.Tier;
import io.keyroute.routing.Access;
import io.keyroute.routing.Catalogs;
import io.keyroute.routing.ModelResolver;
import io.keyroute.routing.Route;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.RoutingRequest;
import io.keyroute.routing.RoutingState;
import io.keyroute.routing.Skip;
import io.keyroute.routing.complexity.CanonicalShape;
import io.keyroute.routing.complexity.ChatShape;
import io.keyroute.routing.complexity.Complexity;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingEngineTest {
    static final Target CHEAP = Target.parse("deepseek/chat");            // budget, no vision, 64k
    static final Target MINI = Target.parse("openai/mini");                // budget
    static final Target MID = Target.parse("gemini/flash");                // mid
    static final Target SONNET = Target.parse("anthropic/sonnet");         // premium, reasoning
    static final Target BIG = Target.parse("openai/big");                  // premium, no reasoning
    static final Target UNKNOWN = Target.parse("openai/ft:custom");        // not in the catalog

    static final EnumSet<Capability> CHAT = EnumSet.of(Capability.TOOLS, Capability.VISION, Capability.JSON_MODE,
            Capability.STREAMING);

    static RoutingEngine engine(Route... routes) {
        var catalog = Catalogs.of(List.of(
                Catalogs.model(CHEAP, Tier.BUDGET, 0.27, 1.10, 65_536, EnumSet.of(Capability.TOOLS, Capability.STREAMING)),
                Catalogs.model(MINI, Tier.BUDGET, 0.15, 0.60, 128_000, CHAT),
                Catalogs.model(MID, Tier.MID, 0.30, 2.50, 1_000_000, CHAT),
                Catalogs.model(SONNET, Tier.PREMIUM, 3, 15, 200_000, EnumSet.of(Capability.TOOLS, Capability.VISION,
                        Capability.STREAMING, Capability.REASONING, Capability.PDF)),
                Catalogs.model(BIG, Tier.PREMIUM, 2.5, 10, 128_000, CHAT)));
        var resolver = new ModelResolver(Set.of("openai", "anthropic", "gemini", "deepseek"), List.of(routes), catalog);
        return new RoutingEngine(resolver, catalog, Set.of("openai"));
    }

    static RouteDecision decide(RoutingEngine engine, String model, TestShape shape, Access access, RoutingState state) {
        return engine.decide(new RoutingRequest(model, shape, access, "user-1"), state);
    }

    static RouteDecision decide(RoutingEngine engine, String model, TestShape shape) {
        return decide(engine, model, shape, Access.UNRESTRICTED, new TestState());
    }

    private static final Route AUTO = new Route("auto", "complexity", List.of(CHEAP, MINI, MID, SONNET, BIG),
            List.of(MINI, UNKNOWN));

    @Test
    void simpleRequestGoesToTheCheapestBudgetModelAndSaysWhy() {
        RouteDecision d = decide(engine(AUTO), "auto", TestShape.text("What is the capital of France?"));

        assertThat(d.classification().complexity()).isEqualTo(Complexity.SIMPLE);
        assertThat(d.tier()).isEqualTo(Tier.BUDGET);
        assertThat(d.plan().targets()).containsExactly(MINI, CHEAP, MID, BIG, SONNET, UNKNOWN);
        assertThat(d.reason()).isEqualTo("Route 'auto' (complexity): SIMPLE request; "
                + "budget tier: openai/mini is the cheapest fit.");
        assertThat(d.ordered().getFirst().estimatedUsd()).isNotNull();
        assertThat(d.ordered().getLast().estimatedUsd()).as("no catalog price").isNull();
    }

    @Test
    void advancedRequestPrefersAPremiumModelThatReasons() {
        String hard = "Prove the theorem step by step, derive each equation, analyze and compare. ".repeat(200);
        RouteDecision d = decide(engine(AUTO), "auto", TestShape.text(hard).withMaxOutput(20_000));

        assertThat(d.classification().complexity()).isEqualTo(Complexity.ADVANCED);
        assertThat(d.tier()).isEqualTo(Tier.PREMIUM);
        assertThat(d.chosen()).isEqualTo(SONNET);
        assertThat(d.plan().targets().subList(0, 3)).containsExactly(SONNET, BIG, MID);
        assertThat(d.reason()).contains("ADVANCED request (").contains("premium tier with reasoning");
    }

    @Test
    void routeTierOverridesApply() {
        var route = new Route("auto", "complexity", List.of(MINI, MID), List.of(), Map.of(),
                Map.of(Complexity.SIMPLE, Tier.MID));

        assertThat(decide(engine(route), "auto", TestShape.text("hi")).chosen()).isEqualTo(MID);
    }

    @Test
    void candidatesLackingACapabilityOrRoomAreSkippedWithTheReason() {
        RouteDecision d = decide(engine(AUTO), "auto", TestShape.ofTokens(150_000).withImages(1));

        assertThat(d.skipped()).extracting(Skip::describe).containsExactly(
                "deepseek/chat (lacks vision)",
                "openai/mini (context window 128000 < ~150000 tokens)",
                "openai/big (context window 128000 < ~150000 tokens)");
        assertThat(d.plan().targets()).containsExactly(SONNET, MID, UNKNOWN);
        assertThat(d.reason()).endsWith("; skipped deepseek/chat (lacks vision), "
                + "openai/mini (context window 128000 < ~150000 tokens), openai/big (context window 128000 < ~150000 tokens).");
    }

    @Test
    void whatOnlyOpenAisResponsesApiServesSkipsEveryOtherProvidersTargets() {
        var route = new Route("codex", "fallback", List.of(SONNET, MID), List.of(BIG));
        ChatShape shape = CanonicalShape.of(OpenAiRequestReader.read(Json.MAPPER.createObjectNode().put("model", "codex")
                .set("messages", Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode().put("role", "user")
                        .put("content", "Latest JUnit?")))), List.of("web_search tool"));

        RouteDecision d = engine(route).decide(new RoutingRequest("codex", shape, Access.UNRESTRICTED, "user-1"),
                new TestState());

        assertThat(d.plan().targets()).containsExactly(BIG);
        assertThat(d.reason()).endsWith("; skipped anthropic/sonnet (only OpenAI's Responses API serves the request's "
                + "web_search tool), gemini/flash (only OpenAI's Responses API serves the request's web_search tool).");

        var noOpenAi = new Route("claude", "fallback", List.of(SONNET), List.of());
        assertThatThrownBy(() -> engine(noOpenAi).decide(new RoutingRequest("claude", shape, Access.UNRESTRICTED,
                "user-1"), new TestState()))
                .isInstanceOf(ClientError.class)
                .hasMessageContaining("anthropic/sonnet (only OpenAI's Responses API serves the request's web_search tool)");
    }

    @Test
    void capabilityNeedsFollowTheRequest() {
        var route = new Route("r", "fallback", List.of(CHEAP, SONNET, MINI), List.of());

        RouteDecision withJson = decide(engine(route), "r", TestShape.text("hi").withJson());
        assertThat(withJson.plan().targets()).containsExactly(MINI);
        assertThat(withJson.skipped()).extracting(Skip::reason).containsExactly("lacks json_mode", "lacks json_mode");

        RouteDecision withTools = decide(engine(route), "r", TestShape.text("hi").withTools(2));
        assertThat(withTools.plan().targets()).containsExactly(CHEAP, SONNET, MINI);
    }

    @Test
    void aRequestWithAPdfSkipsCandidatesWithoutThePdfCapability() {
        var route = new Route("r", "fallback", List.of(CHEAP, MINI, SONNET), List.of());

        RouteDecision withPdf = decide(engine(route), "r", TestShape.text("Summarise the report.").withDocuments(1));
        RouteDecision without = decide(engine(route), "r", TestShape.text("Summarise the report."));

        assertThat(withPdf.needs().capabilities()).contains(Capability.PDF);
        assertThat(withPdf.plan().targets()).containsExactly(SONNET);
        assertThat(withPdf.skipped()).extracting(Skip::describe)
                .containsExactly("deepseek/chat (lacks pdf)", "openai/mini (lacks pdf)");
        assertThat(without.plan().targets()).containsExactly(CHEAP, MINI, SONNET);
    }

    @Test
    void unavailableProvidersAreSkippedAndTheReasonSaysSo() {
        var state = new TestState().open("openai").keyless("deepseek");
        RouteDecision d = decide(engine(AUTO), "auto", TestShape.text("hi"), Access.UNRESTRICTED, state);

        assertThat(d.plan().targets()).containsExactly(MID, SONNET);
        assertThat(d.reason()).endsWith("skipped deepseek/chat (no credential), openai/mini (circuit open), "
                + "openai/big (circuit open) and 1 more.");
    }

    @Test
    void whenEveryTargetIsUnavailableTheCallerGetsThatTargetsOwnError() {
        var route = new Route("r", "cost", List.of(CHEAP), List.of(MINI));
        var state = new TestState().keyless("deepseek").open("openai");

        GatewayError e = catchThrowableOfType(GatewayError.class,
                () -> decide(engine(route), "r", TestShape.text("hi"), Access.UNRESTRICTED, state));

        assertThat(e.code()).isEqualTo("no_credential");
    }

    @Test
    void nothingCapableIsA400NamingEachReason() {
        var route = new Route("r", "cost", List.of(CHEAP), List.of());

        ClientError e = catchThrowableOfType(ClientError.class,
                () -> decide(engine(route), "r", TestShape.text("look").withImages(1)));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("no_capable_model");
        assertThat(e.getMessage()).isEqualTo("No model of route 'r' can serve this request: deepseek/chat (lacks vision).");
    }

    @Test
    void planAllowListSkipsRouteCandidatesAndRefusesDirectModels() {
        var free = new Access("free", List.of("openai/mini", "gemini/*"), Set.of());

        RouteDecision d = decide(engine(AUTO), "auto", TestShape.text("hi"), free, new TestState());
        assertThat(d.plan().targets()).containsExactly(MINI, MID);
        assertThat(d.skipped()).extracting(Skip::kind).containsOnly(Skip.Kind.ACCESS);

        ClientError direct = catchThrowableOfType(ClientError.class,
                () -> decide(engine(AUTO), "anthropic/sonnet", TestShape.text("hi"), free, new TestState()));
        assertThat(direct.status()).isEqualTo(403);
        assertThat(direct.code()).isEqualTo("model_not_allowed");
        assertThat(direct.getMessage()).isEqualTo("The model 'anthropic/sonnet' is not in plan 'free'. "
                + "Plan 'free' allows: openai/mini, gemini/*.");
    }

    @Test
    void aRouteWithNothingAllowedIsA403() {
        var route = new Route("premium", "fallback", List.of(SONNET, BIG), List.of());
        var free = new Access("free", List.of("openai/mini"), Set.of());

        ClientError e = catchThrowableOfType(ClientError.class,
                () -> decide(engine(route), "premium", TestShape.text("hi"), free, new TestState()));

        assertThat(e.code()).isEqualTo("model_not_allowed");
        assertThat(e.getMessage()).contains("plan 'free'");
    }

    @Test
    void keyAllowListAppliesToo() {
        var key = new Access(null, List.of(), Set.of("auto", "openai/mini"));

        assertThat(decide(engine(AUTO), "auto", TestShape.text("hi"), key, new TestState()).plan().targets())
                .as("the route itself is allowed").hasSize(6);
        assertThat(decide(engine(AUTO), "openai/mini", TestShape.text("hi"), key, new TestState()).chosen()).isEqualTo(MINI);
        ClientError e = catchThrowableOfType(ClientError.class,
                () -> decide(engine(AUTO), "openai/big", TestShape.text("hi"), key, new TestState()));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).isEqualTo("The model 'openai/big' is not allowed for this key. "
                + "This key allows: auto, openai/mini.");
    }

    @Test
    void costOrdersCheapestFirst() {
        var route = new Route("cheap", "cost", List.of(SONNET, MID, MINI, CHEAP), List.of());

        RouteDecision d = decide(engine(route), "cheap", TestShape.ofTokens(1000));

        assertThat(d.plan().targets()).containsExactly(MINI, CHEAP, MID, SONNET);
        assertThat(d.reason()).contains("cheapest capable candidate (~$0.000450)");
    }

    @Test
    void latencyTriesUnmeasuredFirstThenTheFastest() {
        var route = new Route("fast", "latency", List.of(MINI, MID, SONNET), List.of());
        var state = new TestState().latency(MINI, 900).latency(MID, 200);

        RouteDecision d = decide(engine(route), "fast", TestShape.text("hi"), Access.UNRESTRICTED, state);
        assertThat(d.plan().targets()).containsExactly(SONNET, MID, MINI);

        state.latency(SONNET, 400);
        RouteDecision measured = decide(engine(route), "fast", TestShape.text("hi"), Access.UNRESTRICTED, state);
        assertThat(measured.plan().targets()).containsExactly(MID, SONNET, MINI);
        assertThat(measured.reason()).contains("lowest recent p50 latency (200 ms)");
    }

    @Test
    void weightedIsStickyPerCallerAndFailsOverByWeight() {
        var route = new Route("ab", "weighted", List.of(MINI, MID), List.of(SONNET), Map.of(MINI, 50, MID, 50), Map.of());
        var engine = engine(route);

        var first = engine.decide(new RoutingRequest("ab", TestShape.text("hi"), Access.UNRESTRICTED, "alice"), new TestState());
        var again = engine.decide(new RoutingRequest("ab", TestShape.text("a different question"), Access.UNRESTRICTED,
                "alice"), new TestState());
        assertThat(again.chosen()).isEqualTo(first.chosen());
        assertThat(first.plan().targets()).hasSize(3).endsWith(SONNET);
        assertThat(first.reason()).contains("weighted split put this caller on").contains("(weight 50 of 100)");
    }

    @Test
    void fallbackKeepsConfiguredOrderAndAppendsFallbacksOnce() {
        var route = new Route("fb", "fallback", List.of(MINI, SONNET), List.of(SONNET, MID, MINI));

        RouteDecision d = decide(engine(route), "fb", TestShape.text("hi"));

        assertThat(d.plan().targets()).containsExactly(MINI, SONNET, MID);
        assertThat(d.reason()).isEqualTo("Route 'fb' (fallback): SIMPLE request; first available candidate in configured order.");
    }

    @Test
    void fallbacksServeWhenNoCandidateIsLeft() {
        var route = new Route("fb", "cost", List.of(MINI), List.of(MID));

        RouteDecision d = decide(engine(route), "fb", TestShape.text("hi"), Access.UNRESTRICTED, new TestState().open("openai"));

        assertThat(d.plan().targets()).containsExactly(MID);
        assertThat(d.reason()).contains("no candidate left, so fallback gemini/flash");
    }

    @Test
    void directModelsAreNotCheckedForCapabilitiesButForAvailability() {
        RouteDecision d = decide(engine(), "deepseek/chat", TestShape.text("look").withImages(1));
        assertThat(d.plan().targets()).containsExactly(CHEAP);
        assertThat(d.strategy()).isEqualTo("direct");
        assertThat(d.reason()).isEqualTo("Requested deepseek/chat directly; SIMPLE request (1 images).");

        GatewayError e = catchThrowableOfType(GatewayError.class, () -> decide(engine(), "deepseek/chat",
                TestShape.text("hi"), Access.UNRESTRICTED, new TestState().keyless("deepseek")));
        assertThat(e.code()).isEqualTo("no_credential");
    }
}
