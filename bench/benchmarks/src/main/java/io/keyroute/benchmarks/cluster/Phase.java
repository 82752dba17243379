package io.keyroute.benchmarks.cluster;

import java.util.List;

/**
 * A stretch of the run under load: steady, or one fault from its start until a few seconds after
 * it was repaired. A request belongs to the phase in which it started.
 *
 * @param inFlightOnKilled requests the balancer had in flight on the killed replica when it was
 *                         killed (the errors a client may see for it), or -1 when nothing was killed
 */
record Phase(String name, long startNanos, long endNanos, String note, Balancer.Counters balancer,
             int inFlightOnKilled) {

    List<Traffic.Outcome> of(List<Traffic.Outcome> all) {
        return all.stream().filter(o -> o.startNanos() >= startNanos && o.startNanos() < endNanos).toList();
    }

    long errors(List<Traffic.Outcome> all) {
        return of(all).stream().filter(o -> !o.answered()).count();
    }

    /** The goal: no error beyond what was in flight on a killed replica. */
    boolean met(List<Traffic.Outcome> all) {
        return errors(all) <= Math.max(0, inFlightOnKilled);
    }
}
