package io.keyroute.benchmarks.cluster;

import java.util.List;

/**
 * A stretch of the run under load: steady, or one fault from its start until a few seconds after
 * it was repaired. A request belongs to the phase in which it started, its failure to the phase in
 * which it ended: a stream that started in the steady phase and was cut by the next phase's kill -9
 * is that kill's error (one of the requests in flight on the killed replica), not the steady phase's.
 *
 * @param inFlightOnKilled requests the balancer had in flight on the killed replica when it was
 *                         killed (the errors a client may see for it), or -1 when nothing was killed
 */
record Phase(String name, long startNanos, long endNanos, String note, Balancer.Counters balancer,
             int inFlightOnKilled) {

    List<Traffic.Outcome> of(List<Traffic.Outcome> all) {
        return all.stream().filter(o -> o.startNanos() >= startNanos && o.startNanos() < endNanos).toList();
    }

    List<Traffic.Outcome> failures(List<Traffic.Outcome> all) {
        return all.stream().filter(o -> !o.answered() && o.endNanos() >= startNanos && o.endNanos() < endNanos).toList();
    }

    long errors(List<Traffic.Outcome> all) {
        return failures(all).size();
    }

    /** The goal: no error beyond what was in flight on a killed replica. */
    boolean met(List<Traffic.Outcome> all) {
        return errors(all) <= Math.max(0, inFlightOnKilled);
    }
}
