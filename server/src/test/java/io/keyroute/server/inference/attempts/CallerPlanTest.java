package io.keyroute.server.inference.attempts;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.catalog.Target;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.PlanSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerPlanTest {
    private static final KeyrouteConfig CONFIG = new KeyrouteConfig(null, null, null, null, null, null, null,
            Map.of("free", new PlanSettings(List.of("openai/gpt-4o-mini", "gemini/*"), false, 5.0),
                    "pro", new PlanSettings(List.of("*"), true, null)),
            null);
    private static final Target MINI = Target.parse("openai/gpt-4o-mini");
    private static final Target GPT5 = Target.parse("openai/gpt-5");

    private static Caller caller(String plan, Set<String> keyModels) {
        return new Caller("key_1", "user_1", "ws_1", plan, keyModels, false);
    }

    @Test
    void freePlanLimitsModelsAndOwnKeys() {
        CallerPlan plan = CallerPlan.of(CONFIG, caller("free", Set.of()));

        assertThat(plan.ownKeysAllowed()).isFalse();
        assertThat(plan.access().denies(MINI, "openai/gpt-4o-mini")).isEmpty();
        assertThat(plan.access().denies(Target.parse("gemini/gemini-2.5-pro"), "x")).isEmpty();
        assertThat(plan.access().denies(GPT5, "openai/gpt-5")).contains("not in plan 'free'");
    }

    @Test
    void proPlanAllowsEverythingButTheKeysOwnListStillApplies() {
        CallerPlan plan = CallerPlan.of(CONFIG, caller("pro", Set.of("openai/gpt-4o-mini")));

        assertThat(plan.ownKeysAllowed()).isTrue();
        assertThat(plan.access().denies(MINI, "openai/gpt-4o-mini")).isEmpty();
        assertThat(plan.access().denies(GPT5, "openai/gpt-5")).contains("not allowed for this key");
    }

    @Test
    void noPlanOrAnUnconfiguredOneLimitsNothing() {
        assertThat(CallerPlan.of(CONFIG, Caller.unrestricted("k", "u")).access().denies(GPT5, "openai/gpt-5")).isEmpty();
        CallerPlan unknown = CallerPlan.of(CONFIG, caller("enterprise", Set.of()));
        assertThat(unknown.access().denies(GPT5, "openai/gpt-5")).isEmpty();
        assertThat(unknown.ownKeysAllowed()).isTrue();
    }
}
