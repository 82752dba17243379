package io.keyroute.vault.tenancy;

import io.keyroute.store.Jdbc;
import io.keyroute.store.StoreException;
import io.keyroute.store.Times;
import io.keyroute.vault.audit.AuditLog;
import io.keyroute.vault.common.Ids;
import io.keyroute.vault.common.VaultErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Workspaces and their users: created here, changed and deactivated by {@link TenantChanges}.
 * A deactivated workspace or user is kept (the audit trail and the ledger name it) but is absent
 * to every read here.
 */
public final class Tenants {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private static final String WORKSPACES = "SELECT id, name, plan, created_at FROM workspaces";
    private static final String USERS = "SELECT id, workspace_id, email, role, created_at FROM users";

    private final Jdbc jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final Set<String> plans;

    /** @param plans the plan names the config defines; a workspace must name one of them (any, if none are defined) */
    public Tenants(Jdbc jdbc, AuditLog audit, Clock clock, Set<String> plans) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.plans = Set.copyOf(plans);
    }

    public Workspace createWorkspace(String actor, String name, String plan) {
        if (name == null || name.isBlank()) {
            throw VaultErrors.badRequest("name is required.", "name");
        }
        requirePlan(plan);
        var workspace = new Workspace(Ids.next("ws"), name.trim(), plan, Times.now(clock));
        insertOrConflict("a workspace named '" + workspace.name() + "' already exists.", () -> jdbc.inTransaction(tx -> {
            tx.update("INSERT INTO workspaces (id, name, plan, created_at) VALUES (?, ?, ?, ?)",
                    workspace.id(), workspace.name(), plan, Times.format(workspace.createdAt()));
            audit.record(tx, actor, "workspace.created", workspace.id(), workspace.id(), "plan " + plan);
            return null;
        }));
        return workspace;
    }

    public User createUser(String actor, String workspaceId, String email, String role) {
        workspace(workspaceId).orElseThrow(() -> VaultErrors.notFound("workspace", workspaceId));
        if (email == null || !EMAIL.matcher(email.trim()).matches()) {
            throw VaultErrors.unprocessable("invalid_email", "email must be an e-mail address.", "email");
        }
        var user = new User(Ids.next("usr"), workspaceId, email.trim(), Role.parse(role), Times.now(clock));
        insertOrConflict("a user with e-mail '" + user.email() + "' already exists.", () -> jdbc.inTransaction(tx -> {
            tx.update("INSERT INTO users (id, workspace_id, email, role, created_at) VALUES (?, ?, ?, ?, ?)",
                    user.id(), workspaceId, user.email(), user.role().wire(), Times.format(user.createdAt()));
            audit.record(tx, actor, "user.created", user.id(), workspaceId, "role " + user.role().wire());
            return null;
        }));
        return user;
    }

    public Optional<Workspace> workspace(String id) {
        return jdbc.queryOne(WORKSPACES + " WHERE id = ? AND deactivated_at IS NULL", Tenants::workspace, id);
    }

    public Optional<Workspace> workspaceByName(String name) {
        return jdbc.queryOne(WORKSPACES + " WHERE name = ? AND deactivated_at IS NULL", Tenants::workspace, name);
    }

    /** The active workspaces, oldest first. */
    public List<Workspace> workspaces() {
        return jdbc.query(WORKSPACES + " WHERE deactivated_at IS NULL ORDER BY created_at, id", Tenants::workspace);
    }

    public Optional<User> user(String id) {
        return jdbc.queryOne(USERS + " WHERE id = ? AND deactivated_at IS NULL", Tenants::user, id);
    }

    public Optional<User> userByEmail(String email) {
        return jdbc.queryOne(USERS + " WHERE email = ? AND deactivated_at IS NULL", Tenants::user, email);
    }

    /** A workspace's active users, oldest first. */
    public List<User> users(String workspaceId) {
        return jdbc.query(USERS + " WHERE workspace_id = ? AND deactivated_at IS NULL ORDER BY created_at, id",
                Tenants::user, workspaceId);
    }

    private static Workspace workspace(ResultSet rs) throws SQLException {
        return new Workspace(rs.getString(1), rs.getString(2), rs.getString(3), Times.parse(rs.getString(4)));
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), rs.getString(2), rs.getString(3), Role.parse(rs.getString(4)),
                Times.parse(rs.getString(5)));
    }

    /** A plan the config defines (any name, if it defines none). */
    void requirePlan(String plan) {
        if (plan == null || plan.isBlank() || !(plans.isEmpty() || plans.contains(plan))) {
            throw VaultErrors.unprocessable("unknown_plan",
                    plans.isEmpty() ? "plan is required." : "plan must be one of " + plans + ".", "plan");
        }
    }

    static void insertOrConflict(String conflict, Runnable insert) {
        try {
            insert.run();
        } catch (StoreException e) {
            if (e.isUniqueViolation()) {
                throw VaultErrors.conflict(conflict);
            }
            throw e;
        }
    }
}
