package io.keyroute.server.accounting;

import io.keyroute.usage.LedgerEntry;
import io.keyroute.usage.RequestRecord;
import io.keyroute.usage.UsageLedger;
import java.time.Clock;

/**
 * Puts each request into the usage ledger (its journal first) just before its last byte leaves,
 * stamped with that time: a request whose answer the caller has whole is in the ledger even if
 * the process is killed right after.
 */
public final class LedgerSink implements UsageSink {
    private final UsageLedger ledger;
    private final Clock clock;

    public LedgerSink(UsageLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public void completing(RequestRecord r) {
        ledger.append(new LedgerEntry(clock.instant(), r));
    }

    @Override
    public void record(RequestRecord r) {
        // Already in the ledger since completing.
    }

    /** Stores every queued event before returning. */
    @Override
    public void close() {
        ledger.close();
    }
}
