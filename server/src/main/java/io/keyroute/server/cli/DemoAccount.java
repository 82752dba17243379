package io.keyroute.server.cli;

import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.vault.Vault;
import io.keyroute.vault.keys.ApiKey;
import io.keyroute.vault.keys.ApiKeys;
import io.keyroute.vault.keys.KeyRequest;
import io.keyroute.vault.tenancy.User;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --demo}'s key: a real vault key of a demo user in a demo workspace, so the demo takes the
 * same path as production. It lives as long as the process: earlier demo keys are revoked at
 * start, this one at stop.
 */
final class DemoAccount {
    static final String WORKSPACE = "demo";
    static final String EMAIL = "demo@keyroute.local";
    private static final String ACTOR = "demo";

    private final Vault vault;
    private final User user;

    private DemoAccount(Vault vault, User user) {
        this.vault = vault;
        this.user = user;
    }

    static DemoAccount ensure(Vault vault, KeyrouteConfig config) {
        var tenants = vault.tenants();
        var workspace = tenants.workspaceByName(WORKSPACE)
                .orElseGet(() -> tenants.createWorkspace(ACTOR, WORKSPACE, plan(config.plans().keySet())));
        User user = tenants.userByEmail(EMAIL).orElseGet(() -> tenants.createUser(ACTOR, workspace.id(), EMAIL, "member"));
        return new DemoAccount(vault, user);
    }

    /** Revokes the user's earlier keys and issues a fresh one. */
    ApiKeys.Issued issue() {
        vault.keys().listForUser(user.id()).forEach(k -> vault.keys().revoke(ACTOR, k.id(), user.workspaceId()));
        return vault.keys().issue(ACTOR, user.id(), user.workspaceId(), new KeyRequest("demo", null, null, null, null));
    }

    void revoke(ApiKey key) {
        vault.keys().revoke(ACTOR, key.id(), user.workspaceId());
    }

    private static String plan(Set<String> plans) {
        return plans.isEmpty() || plans.contains("pro") ? "pro" : new TreeSet<>(plans).first();
    }
}
