package io.keyroute.server.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.server.auth.Caller;
import io.keyroute.vault.audit.AuditLog;
import java.time.Duration;

/**
 * Refusals in the audit log, as {@code policy.denied} with the rule as target and the model in the
 * detail. Once a minute per key and rule: a client retrying a refused request in a loop would
 * otherwise write a row a request (the metric counts each).
 */
public final class PolicyAudit implements PolicyEvents {
    private final AuditLog audit;
    private final Cache<String, Boolean> recentlyAudited =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();

    public PolicyAudit(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void denied(Caller caller, PolicyMatch match, String model) {
        if (recentlyAudited.asMap().putIfAbsent(caller.keyId() + "|" + match.rule(), Boolean.TRUE) == null) {
            audit.record(caller.keyId(), "policy.denied", match.rule(), caller.workspaceId(),
                    (match.failed() ? "rule could not be evaluated; " : "") + "model " + model);
        }
    }
}
