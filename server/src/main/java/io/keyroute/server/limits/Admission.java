package io.keyroute.server.limits;

import io.keyroute.usage.RequestRecord;

/**
 * What an admitted request holds (a budget reservation, tokens taken from a bucket) until it ends.
 * Exactly one of {@link #settle} or {@link #release} is called, once.
 */
public interface Admission {
    Admission NONE = new Admission() {
        @Override
        public void settle(RequestRecord record) {
        }

        @Override
        public void release() {
        }
    };

    /** The request ended, delivered or failed: account what it really used and free the rest. */
    void settle(RequestRecord record);

    /** The request never ran (a later limit refused it): free everything it held. */
    void release();

    /** This admission, then {@code next}; settled and released in the same order. */
    default Admission and(Admission next) {
        if (next == NONE) {
            return this;
        }
        if (this == NONE) {
            return next;
        }
        Admission first = this;
        return new Admission() {
            @Override
            public void settle(RequestRecord record) {
                first.settle(record);
                next.settle(record);
            }

            @Override
            public void release() {
                first.release();
                next.release();
            }
        };
    }
}
