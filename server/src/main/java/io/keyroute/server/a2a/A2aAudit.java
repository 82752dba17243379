package io.keyroute.server.a2a;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.vault.audit.AuditLog;
import java.time.Duration;

/**
 * A2A calls in the audit log, with the key as actor, the agent as target and the method, outcome and HTTP
 * status as detail (never a message's content): {@code a2a.message_sent} for each message sent
 * ({@code message/send}, {@code message/stream} and their A2A 1.0 names), {@code a2a.task_canceled} for each
 * cancellation, and {@code a2a.denied} when a key asks for an agent it may not use, once a minute per key and
 * agent (a client retrying in a loop would otherwise write a row a call; the metric counts each). Reads
 * ({@code tasks/get}, cards) are counted by the metrics only.
 */
public final class A2aAudit implements A2aEvents {
    private final AuditLog audit;
    private final Cache<String, Boolean> recentlyDenied =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();

    public A2aAudit(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void called(A2aCall call) {
        if (call.caller() == null) {
            return;
        }
        String detail = "method " + call.method() + "; " + call.outcome() + "; HTTP " + call.status();
        if (A2aCall.DENIED.equals(call.outcome())) {
            if (recentlyDenied.asMap().putIfAbsent(call.caller().keyId() + "|" + call.agent(), Boolean.TRUE) == null) {
                audit.record(call.caller().keyId(), "a2a.denied", call.agent(), call.caller().workspaceId(), detail);
            }
            return;
        }
        String action = switch (A2aMethods.kind(call.method())) {
            case MESSAGE -> "a2a.message_sent";
            case TASK_CANCEL -> "a2a.task_canceled";
            default -> null;
        };
        if (action != null && call.agent() != null) {
            audit.record(call.caller().keyId(), action, call.agent(), call.caller().workspaceId(), detail);
        }
    }
}
