package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.api.Timestamps;
import io.keyroute.api.error.ClientError;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.usage.CostCalculator;
import io.keyroute.usage.budget.Budget;
import io.keyroute.usage.budget.BudgetCounter;
import io.keyroute.usage.budget.BudgetPeriod;
import io.keyroute.usage.budget.BudgetScope;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.usage.budget.CounterState;
import io.keyroute.vault.audit.AuditLog;
import io.keyroute.vault.common.VaultErrors;
import io.keyroute.vault.tenancy.Tenants;
import io.keyroute.vault.tenancy.User;
import java.math.BigDecimal;
import java.time.Clock;

/**
 * Hard budgets: {@code PUT|GET|DELETE /workspaces/{ws}/budget} (set, delete: admin; read: admin,
 * workspace admin) and {@code PUT|GET|DELETE /users/{user}/budget} (set, delete: admin, the user's
 * workspace admin; read: also the user); {@code POST …/budget/recompute} (admin) restarts the
 * counters from the ledger. All answer the budget with the current period's spending; every set
 * and delete is in the audit trail.
 */
final class BudgetsService implements HttpService {
    private final ManagementAuth auth;
    private final Tenants tenants;
    private final Budgets budgets;
    private final AuditLog audit;
    private final Clock clock;

    BudgetsService(ManagementAuth auth, Tenants tenants, Budgets budgets, AuditLog audit, Clock clock) {
        this.auth = auth;
        this.tenants = tenants;
        this.budgets = budgets;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/workspaces/{ws}/budget", ManagementCall.of(this::putWorkspace))
                .get("/workspaces/{ws}/budget", ManagementCall.of(this::getWorkspace))
                .delete("/workspaces/{ws}/budget", ManagementCall.of(this::deleteWorkspace))
                .put("/users/{user}/budget", ManagementCall.of(this::putUser))
                .get("/users/{user}/budget", ManagementCall.of(this::getUser))
                .delete("/users/{user}/budget", ManagementCall.of(this::deleteUser))
                .post("/workspaces/{ws}/budget/recompute", ManagementCall.of(this::recomputeWorkspace))
                .post("/users/{user}/budget/recompute", ManagementCall.of(this::recomputeUser));
    }

    private void putWorkspace(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        ManagementAuth.requireAdmin(caller);
        String ws = req.path().pathParameters().get("ws");
        tenants.workspace(ws).orElseThrow(() -> VaultErrors.notFound("workspace", ws));
        put(req, res, caller, BudgetScope.WORKSPACE, ws, ws);
    }

    private void deleteWorkspace(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        ManagementAuth.requireAdmin(caller);
        String ws = req.path().pathParameters().get("ws");
        tenants.workspace(ws).orElseThrow(() -> VaultErrors.notFound("workspace", ws));
        delete(res, caller, BudgetScope.WORKSPACE, ws, ws);
    }

    private void getWorkspace(ServerRequest req, ServerResponse res) {
        String ws = req.path().pathParameters().get("ws");
        auth.requireWorkspaceAdmin(auth.caller(req), ws);
        get(res, BudgetScope.WORKSPACE, ws);
    }

    private void putUser(ServerRequest req, ServerResponse res) {
        User user = userOf(req);
        Caller caller = auth.caller(req);
        auth.requireWorkspaceAdmin(caller, user.workspaceId());
        put(req, res, caller, BudgetScope.USER, user.id(), user.workspaceId());
    }

    private void deleteUser(ServerRequest req, ServerResponse res) {
        User user = userOf(req);
        Caller caller = auth.caller(req);
        auth.requireWorkspaceAdmin(caller, user.workspaceId());
        delete(res, caller, BudgetScope.USER, user.id(), user.workspaceId());
    }

    private void getUser(ServerRequest req, ServerResponse res) {
        User user = userOf(req);
        Caller caller = auth.caller(req);
        if (!user.id().equals(caller.userId())) {
            auth.requireWorkspaceAdmin(caller, user.workspaceId());
        }
        get(res, BudgetScope.USER, user.id());
    }

    private void recomputeWorkspace(ServerRequest req, ServerResponse res) {
        ManagementAuth.requireAdmin(auth.caller(req));
        String ws = req.path().pathParameters().get("ws");
        tenants.workspace(ws).orElseThrow(() -> VaultErrors.notFound("workspace", ws));
        recompute(res, BudgetScope.WORKSPACE, ws);
    }

    private void recomputeUser(ServerRequest req, ServerResponse res) {
        ManagementAuth.requireAdmin(auth.caller(req));
        recompute(res, BudgetScope.USER, userOf(req).id());
    }

    /**
     * Admin only: the owner's counters of the current day and month (its budget's, and a plan's
     * monthly one on a workspace) restart from the ledger's sums, the repair for a settle that was
     * lost or wrong. Requests ended in the last moment may not be in the ledger yet.
     */
    private void recompute(ServerResponse res, BudgetScope scope, String ownerId) {
        Budget budget = budgets.budget(scope, ownerId).orElseThrow(() -> VaultErrors.notFound(
                scope.wire() + " budget", ownerId));
        for (BudgetPeriod period : BudgetPeriod.values()) {
            budgets.store().recompute(BudgetCounter.of(scope, ownerId, period, clock.instant()));
        }
        JsonOut.send(res, 200, json(scope, ownerId, budget));
    }

    private User userOf(ServerRequest req) {
        String id = req.path().pathParameters().get("user");
        return tenants.user(id).orElseThrow(() -> VaultErrors.notFound("user", id));
    }

    private void put(ServerRequest req, ServerResponse res, Caller caller, BudgetScope scope, String ownerId,
                     String workspaceId) {
        ObjectNode body = ManagementJson.body(req);
        String period = ManagementJson.text(body, "period");
        Budget budget = new Budget(BudgetPeriod.parse(period).orElseThrow(() -> VaultErrors.unprocessable(
                "invalid_period", "period must be 'daily' or 'monthly'.", "period")), limitMicros(body));
        budgets.set(scope, ownerId, budget);
        audit.record(ManagementAuth.actor(caller), "budget.set", ownerId, workspaceId,
                scope.wire() + " " + budget.period().wire() + " " + usd(budget.limitMicros()).toPlainString() + " USD");
        JsonOut.send(res, 200, json(scope, ownerId, budget));
    }

    private void delete(ServerResponse res, Caller caller, BudgetScope scope, String ownerId, String workspaceId) {
        if (!budgets.delete(scope, ownerId)) {
            throw VaultErrors.notFound(scope.wire() + " budget", ownerId);
        }
        audit.record(ManagementAuth.actor(caller), "budget.deleted", ownerId, workspaceId, scope.wire());
        res.status(Status.NO_CONTENT_204).send();
    }

    private static long limitMicros(ObjectNode body) {
        BigDecimal limit;
        try {
            limit = ManagementJson.usd(body, "limit_usd");
        } catch (ClientError wrong) {
            limit = null;
        }
        if (limit == null) {
            throw VaultErrors.unprocessable("invalid_limit", "limit_usd must be a number of US dollars from 0 to "
                    + ManagementJson.MAX_USD.toPlainString() + ".", "limit_usd");
        }
        return CostCalculator.limitMicros(limit);
    }

    private void get(ServerResponse res, BudgetScope scope, String ownerId) {
        Budget budget = budgets.budget(scope, ownerId).orElseThrow(() -> VaultErrors.notFound(
                scope.wire() + " budget", ownerId));
        JsonOut.send(res, 200, json(scope, ownerId, budget));
    }

    /** The budget and its current period: {@code {scope, id, period, limit_usd, spent_usd, reserved_usd, period_start, resets_at}}. */
    private ObjectNode json(BudgetScope scope, String ownerId, Budget budget) {
        var counter = BudgetCounter.of(scope, ownerId, budget.period(), clock.instant());
        CounterState state = budgets.store().state(counter);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("scope", scope.wire()).put("id", ownerId).put("period", budget.period().wire())
                .put("limit_usd", usd(budget.limitMicros())).put("spent_usd", usd(state.spentMicros()))
                .put("reserved_usd", usd(state.reservedMicros()))
                .put("period_start", Timestamps.format(counter.start())).put("resets_at", Timestamps.format(counter.end()));
        return o;
    }

    private static BigDecimal usd(long micros) {
        return BigDecimal.valueOf(micros, 6);
    }
}
