package io.keyroute.server.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One compiled rule: its program, effect and what an evaluation error does. Thread-safe. */
final class PolicyRule {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRule.class);
    /** A rule failing on every request logs once a minute, not once a request; the metric counts each. */
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final String name;
    private final CelRuntime.Program program;
    private final PolicyEffect effect;
    private final boolean failsClosed;
    private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    PolicyRule(String name, CelRuntime.Program program, PolicyEffect effect, boolean failsClosed) {
        this.name = name;
        this.program = program;
        this.effect = effect;
        this.failsClosed = failsClosed;
    }

    String name() {
        return name;
    }

    /** This rule's verdict on {@code facts}: null when it does not match, or fails open. */
    PolicyMatch evaluate(PolicyFacts facts, PolicyEvents events) {
        try {
            return Boolean.TRUE.equals(program.eval(facts)) ? new PolicyMatch(name, effect, false) : null;
        } catch (CelEvaluationException | RuntimeException e) {
            events.failed(name);
            warn(e);
            return failsClosed ? new PolicyMatch(name, effect, true) : null;
        }
    }

    private void warn(Exception e) {
        long now = System.nanoTime();
        long last = lastWarned.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarned.compareAndSet(last, now)) {
            LOG.warn("policy rule '{}' could not be evaluated ({}); on_error {}: {}", name, e.getMessage(),
                    failsClosed ? "closed" : "open",
                    failsClosed ? "the request is refused" : "the next rule decides");
        }
    }
}
