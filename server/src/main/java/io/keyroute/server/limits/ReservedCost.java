package io.keyroute.server.limits;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.PromptFraming;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.Target;
import io.keyroute.providers.Provider;
import io.keyroute.routing.RouteDecision;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.usage.budget.BillableRequest;
import io.keyroute.usage.budget.BillableRequestReader;
import io.keyroute.usage.budget.CostBound;
import java.util.Optional;
import java.util.Set;

/**
 * What a budget holds for a request: the most it can cost at the dearest target of its plan
 * ({@link CostBound}). A chat whose cost the catalog cannot bound (a pricier service tier, tools the
 * provider bills per use) is refused instead, with 403 naming what to remove.
 */
final class ReservedCost {
    /**
     * Tiers billed at most at the catalog's prices: the default ({@code auto}, {@code default},
     * Anthropic's {@code standard_only}) and OpenAI's {@code flex} (half price). {@code priority} and
     * {@code scale} are billed above them.
     */
    private static final Set<String> CATALOG_PRICED_TIERS = Set.of("auto", "default", "flex", "standard_only");

    private ReservedCost() {
    }

    static long micros(GateRequest request) {
        RouteDecision decision = request.decision();
        ModelCatalog catalog = request.runtime().routing().catalog();
        ChatRequest chat = request.chat();
        if (chat == null) {
            var models = decision.ordered().stream().map(e -> catalog.find(e.target())).flatMap(Optional::stream).toList();
            long prompt = CostBound.promptTokens(request.bodyBytes(), decision.classification().features().images());
            return CostBound.maxMicros(models, prompt, decision.needs().requestedOutputTokens());
        }
        BillableRequest billable = BillableRequestReader.read(chat.body(), chat.passHeaders());
        refuseWhatTheCatalogCannotPrice(billable);
        var targets = decision.ordered().stream()
                .flatMap(e -> catalog.find(e.target())
                        .map(model -> new CostBound.Target(model, framing(request.runtime(), e.target()))).stream())
                .toList();
        return CostBound.maxMicros(targets, billable);
    }

    private static void refuseWhatTheCatalogCannotPrice(BillableRequest request) {
        if (!request.tools().serverSide().isEmpty()) {
            String tool = request.tools().serverSide().getFirst();
            throw new ClientError(ErrorType.PERMISSION, "tool_not_priced", "The provider bills '" + tool
                    + "' per use, which a budget cannot bound: it is refused while a budget applies to the caller. "
                    + "Remove it from the request, or ask an admin to lift the budget.", "tools");
        }
        String tier = request.serviceTier();
        if (tier != null && !CATALOG_PRICED_TIERS.contains(tier)) {
            throw new ClientError(ErrorType.PERMISSION, "service_tier_not_priced", "service_tier '" + tier
                    + "' is billed above the catalog's prices, which a budget cannot bound: it is refused while a "
                    + "budget applies to the caller. Omit service_tier or use 'auto', 'default' or 'flex'.",
                    "service_tier");
        }
    }

    static PromptFraming framing(GatewayRuntime runtime, Target target) {
        Provider provider = runtime.providers().get(target.providerId());
        return provider == null ? PromptFraming.OTHER : provider.kind().promptFraming();
    }
}
