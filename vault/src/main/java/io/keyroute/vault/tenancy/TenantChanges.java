package io.keyroute.vault.tenancy;

import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import io.keyroute.vault.audit.AuditLog;
import io.keyroute.vault.common.VaultErrors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes to workspaces and users: rename, change plan or role, deactivate. A change that alters
 * what a key may do (a plan, a role, a deactivation) drops the keys concerned from every
 * replica's key cache once it is committed, so it applies to the next request.
 */
public final class TenantChanges {
    private final Jdbc jdbc;
    private final Tenants tenants;
    private final CachedKeys keys;
    private final AuditLog audit;
    private final Clock clock;

    public TenantChanges(Jdbc jdbc, Tenants tenants, CachedKeys keys, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /** Renames and/or changes the plan of an active workspace; a null argument keeps what is. */
    public Workspace updateWorkspace(String actor, String workspaceId, String name, String plan) {
        Workspace before = activeWorkspace(workspaceId);
        if (name != null && name.isBlank()) {
            throw VaultErrors.badRequest("name must not be empty.", "name");
        }
        if (plan != null) {
            tenants.requirePlan(plan);
        }
        var after = new Workspace(before.id(), name == null ? before.name() : name.trim(),
                plan == null ? before.plan() : plan, before.createdAt());
        List<String> changes = new ArrayList<>();
        if (!after.name().equals(before.name())) {
            changes.add("renamed");
        }
        if (!after.plan().equals(before.plan())) {
            changes.add("plan " + before.plan() + " → " + after.plan());
        }
        Tenants.insertOrConflict("a workspace named '" + after.name() + "' already exists.", () -> jdbc.inTransaction(tx -> {
            tx.update("UPDATE workspaces SET name = ?, plan = ? WHERE id = ?", after.name(), after.plan(), workspaceId);
            audit.record(tx, actor, "workspace.changed", workspaceId, workspaceId,
                    changes.isEmpty() ? "no change" : String.join(", ", changes));
            return null;
        }));
        if (!after.plan().equals(before.plan())) {
            keys.forgetWorkspace(workspaceId); // a key's cached principal carries its workspace's plan
        }
        return after;
    }

    /** Deactivates a workspace and its users: every key of theirs stops working at once, on every replica. */
    public void deactivateWorkspace(String actor, String workspaceId) {
        activeWorkspace(workspaceId);
        String now = Times.format(Times.now(clock));
        jdbc.inTransaction(tx -> {
            tx.update("UPDATE workspaces SET deactivated_at = ? WHERE id = ?", now, workspaceId);
            tx.update("UPDATE users SET deactivated_at = ? WHERE workspace_id = ? AND deactivated_at IS NULL",
                    now, workspaceId);
            audit.record(tx, actor, "workspace.deactivated", workspaceId, workspaceId, null);
            return null;
        });
        keys.forgetWorkspace(workspaceId);
    }

    /** Changes an active user's role. */
    public User changeRole(String actor, String userId, String role) {
        User before = activeUser(userId);
        var after = new User(before.id(), before.workspaceId(), before.email(), Role.parse(role), before.createdAt());
        jdbc.inTransaction(tx -> {
            tx.update("UPDATE users SET role = ? WHERE id = ?", after.role().wire(), userId);
            audit.record(tx, actor, "user.changed", userId, before.workspaceId(),
                    "role " + before.role().wire() + " → " + after.role().wire());
            return null;
        });
        keys.forgetUser(userId);
        return after;
    }

    /** Deactivates a user: their keys stop working at once, on every replica. */
    public void deactivateUser(String actor, String userId) {
        User user = activeUser(userId);
        jdbc.inTransaction(tx -> {
            tx.update("UPDATE users SET deactivated_at = ? WHERE id = ?", Times.format(Times.now(clock)), userId);
            audit.record(tx, actor, "user.deactivated", userId, user.workspaceId(), null);
            return null;
        });
        keys.forgetUser(userId);
    }

    private Workspace activeWorkspace(String id) {
        return tenants.workspace(id).orElseThrow(() -> VaultErrors.notFound("workspace", id));
    }

    private User activeUser(String id) {
        return tenants.user(id).orElseThrow(() -> VaultErrors.notFound("user", id));
    }
}
