package io.keyroute.server.a2a;

/** Told of every call to {@code /a2a/{agent}} once it ended: the metrics ({@code ops.A2aMetrics}) and the audit. */
public interface A2aEvents {
    A2aEvents NONE = call -> { };

    void called(A2aCall call);

    default A2aEvents andThen(A2aEvents next) {
        return call -> {
            called(call);
            next.called(call);
        };
    }
}
