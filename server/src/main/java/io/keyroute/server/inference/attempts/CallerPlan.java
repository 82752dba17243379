package io.keyroute.server.inference.attempts;

import io.keyroute.routing.Access;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.PlanSettings;

/**
 * What the caller's workspace plan and key allow: models (for routing) and whether their own
 * stored provider keys may be used (for credential resolution).
 */
public record CallerPlan(Access access, boolean ownKeysAllowed) {

    /** A plan name the config does not define limits nothing (and BYOK stays allowed). */
    public static CallerPlan of(KeyrouteConfig config, Caller caller) {
        PlanSettings plan = caller.plan() == null ? null : config.plans().get(caller.plan());
        if (plan == null) {
            return new CallerPlan(new Access(null, java.util.List.of(), caller.allowedModels()), true);
        }
        return new CallerPlan(new Access(caller.plan(), plan.models(), caller.allowedModels()), plan.byok());
    }
}
