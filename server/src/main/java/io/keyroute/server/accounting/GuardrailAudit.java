package io.keyroute.server.accounting;

import io.keyroute.server.guardrails.VerdictSummary;
import io.keyroute.usage.RequestRecord;
import io.keyroute.vault.audit.AuditLog;

/**
 * Writes to the audit log each request a guardrail acted on (redacted, blocked, logged or failed on):
 * action {@code guardrail.triggered}, the caller's user (else its key) as actor, the request id as target, and the verdicts'
 * summary (entity types and counts, never a value) as detail. A request every step passed is in the
 * ledger only.
 */
public final class GuardrailAudit implements UsageSink {
    private final AuditLog audit;

    public GuardrailAudit(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void record(RequestRecord record) {
        if (VerdictSummary.acted(record.guardrails())) {
            String actor = record.userId() != null ? record.userId() : record.keyId();
            audit.record(actor == null ? "anonymous" : actor, "guardrail.triggered",
                    record.requestId(), record.workspaceId(), record.guardrails());
        }
    }
}
