package io.keyroute.server.limits;

import io.keyroute.api.ChatRequest;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Target;
import io.keyroute.routing.RouteDecision;
import io.keyroute.usage.budget.BillableRequest;
import io.keyroute.usage.budget.BillableRequestReader;
import io.keyroute.usage.budget.CostBound;
import io.keyroute.usage.budget.UsageBound;

/**
 * A request's {@link UsageBound} at each target it may reach: the bounds its reservation is made
 * of ({@link ReservedCost}), a chat's from its body, other requests' from their size. The body is
 * read only when a bound is needed (an attempt without a final count, a caller-supplied upstream),
 * never on the path of an ordinary request.
 */
public final class UsageBounds {
    private final GateRequest request;
    private final ModelCatalog catalog;
    private BillableRequest billable;

    public UsageBounds(GateRequest request) {
        this.request = request;
        this.catalog = request.runtime().routing().catalog();
    }

    public UsageBound at(Target target) {
        ModelInfo model = catalog.find(target).orElse(null);
        ChatRequest chat = request.chat();
        if (chat == null || model == null) {
            RouteDecision decision = request.decision();
            return UsageBound.ofSize(model, CostBound.promptTokens(request.bodyBytes(),
                    decision.classification().features().images()), decision.needs().requestedOutputTokens());
        }
        BillableRequest read = billable();
        return new UsageBound(
                CostBound.promptTokens(read, new CostBound.Target(model, ReservedCost.framing(request.runtime(), target))),
                CostBound.outputTokens(model, read.maxOutputTokens()) * read.choices() + read.predictionBytes());
    }

    private synchronized BillableRequest billable() {
        if (billable == null) {
            billable = BillableRequestReader.read(request.chat().body(), request.chat().passHeaders());
        }
        return billable;
    }
}
