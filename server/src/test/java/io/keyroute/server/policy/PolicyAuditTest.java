package io.keyroute.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyLimits;
import io.keyroute.store.Database;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.vault.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Refusals in a real SQLite audit log: the rule, the caller's key and workspace, the model; once a minute per key and rule. */
class PolicyAuditTest {
    private final Database db = migrated();
    private final AuditLog audit = new AuditLog(db.jdbc(), Clock.systemUTC());
    private final PolicyAudit policyAudit = new PolicyAudit(audit);

    private static Database migrated() {
        Database db = Database.open(TestServices.sqlite().url());
        db.migrate();
        return db;
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Caller member(String keyId) {
        return new Caller(keyId, "user_1", "ws_1", null, Set.of(), false, KeyLimits.NONE, "member");
    }

    @Test
    void aDenialIsAuditedOncePerKeyAndRuleAMinute() {
        var deny = new PolicyMatch("no-premium", new PolicyEffect.Deny(), false);
        var failed = new PolicyMatch("broken", new PolicyEffect.Deny(), true);

        policyAudit.denied(member("key_1"), deny, "anthropic/claude-sonnet-4-5");
        policyAudit.denied(member("key_1"), deny, "anthropic/claude-sonnet-4-5");
        policyAudit.denied(member("key_2"), deny, "anthropic/claude-opus-4-1");
        policyAudit.denied(member("key_1"), failed, "openai/gpt-4o");

        assertThat(audit.between(Instant.EPOCH, Instant.now().plusSeconds(60)))
                .extracting(e -> String.join(" | ", e.actor(), e.action(), e.target(), e.workspaceId(), e.detail()))
                .containsExactlyInAnyOrder(
                        "key_1 | policy.denied | no-premium | ws_1 | model anthropic/claude-sonnet-4-5",
                        "key_2 | policy.denied | no-premium | ws_1 | model anthropic/claude-opus-4-1",
                        "key_1 | policy.denied | broken | ws_1 | rule could not be evaluated; model openai/gpt-4o");
    }
}
