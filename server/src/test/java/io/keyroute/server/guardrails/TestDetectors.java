package io.keyroute.server.guardrails;

import io.keyroute.guardrails.Detector;
import io.keyroute.guardrails.Finding;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Detectors for the flow's failure paths: one that throws, one that hangs. */
public final class TestDetectors {
    private TestDetectors() {
    }

    /** Throws on every scan, quoting what it read in its message (which must never reach a log). */
    public static Detector throwing() {
        return new Detector() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<Finding> scan(CharSequence text, int from) {
                throw new IllegalStateException("cannot read " + text);
            }

            @Override
            public int maxMatchLength() {
                return 16;
            }
        };
    }

    /** Never returns until interrupted (or {@code release} is counted down). */
    public static Detector hanging(CountDownLatch release) {
        return new Detector() {
            @Override
            public String name() {
                return "hanging";
            }

            @Override
            public List<Finding> scan(CharSequence text, int from) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }

            @Override
            public int maxMatchLength() {
                return 16;
            }
        };
    }
}
