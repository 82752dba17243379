package io.keyroute.usage;

import java.time.Instant;

/**
 * One ledger row: a finished request's record, stamped with the time the ledger took it (just
 * before the answer's last byte left).
 */
public record LedgerEntry(Instant at, RequestRecord request) {
}
