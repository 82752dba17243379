package io.keyroute.server.policy;

/**
 * One rule of the config's {@code policies:} list, as written: the first rule whose {@code when}
 * holds decides what happens to a request.
 *
 * @param name    the rule's name: what a refusal, the metrics and the audit log name
 * @param when    a CEL expression over {@code caller}, {@code target}, {@code request}, {@code now} and
 *                {@code guardrails} (see {@link PolicyVariable}); it must be a bool
 * @param effect  {@code deny}, {@code allow} or {@code route:<route, alias or provider/model>}
 * @param onError what a rule that fails to evaluate does: {@code closed} refuses the request, {@code open} lets
 *                the next rule decide; by default {@code closed} for {@code deny} and {@code open} for the others,
 *                so an error never lets through what a rule was written to stop
 */
public record PolicySettings(String name, String when, String effect, String onError) {
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    /** Whether a rule failing to evaluate refuses the request; null when {@code on_error} is misspelled. */
    public Boolean failsClosed() {
        if (onError == null) {
            return "deny".equals(effect);
        }
        return switch (onError) {
            case CLOSED -> true;
            case OPEN -> false;
            default -> null;
        };
    }
}
