package io.keyroute.server.guardrails;

import io.keyroute.guardrails.Detectors;
import io.keyroute.guardrails.masking.Masker;
import io.keyroute.server.config.KeyrouteConfig.AppliesTo;
import io.keyroute.server.config.KeyrouteConfig.GuardrailSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * One configured guardrail: its name, where it runs (input, output), what it does with a finding, what
 * a failure means, which requests it checks and how long a check may take. Immutable, per config version.
 */
final class GuardrailStep {
    /** What a step does with what its guardrail finds. */
    public enum Action { REDACT, BLOCK, LOG }

    private final String name;
    private final String type;
    private final Guardrail guardrail;
    private final boolean input;
    private final boolean output;
    private final Action action;
    private final boolean failClosed;
    private final Duration timeout;
    private final boolean restore;
    private final AppliesTo scope;
    private final Masker request;

    GuardrailStep(GuardrailSettings settings, Guardrail guardrail) {
        this.name = settings.name();
        this.type = settings.type();
        this.guardrail = guardrail;
        this.input = settings.on().contains("input");
        this.output = settings.on().contains("output");
        this.action = Action.valueOf(settings.action().toUpperCase(Locale.ROOT));
        this.failClosed = "closed".equals(settings.onError());
        this.timeout = Duration.ofMillis(settings.timeoutMs());
        this.restore = settings.restore();
        this.scope = settings.appliesTo();
        Detectors before = guardrail.beforeRequest();
        // What is to be restored is masked exactly: text shaped like a placeholder too, so it comes back as sent.
        this.request = restore ? Masker.reversible(before) : Masker.of(before);
    }

    String name() {
        return name;
    }

    String type() {
        return type;
    }

    Guardrail guardrail() {
        return guardrail;
    }

    /** What masks a request's texts with this step's findings. */
    Masker request() {
        return request;
    }

    boolean input() {
        return input;
    }

    boolean output() {
        return output;
    }

    Action action() {
        return action;
    }

    boolean failClosed() {
        return failClosed;
    }

    Duration timeout() {
        return timeout;
    }

    /** Whether what it redacted in the request is put back in the answer. */
    boolean restores() {
        return restore;
    }

    /** Whether it checks only requests that may be served by certain models. */
    boolean scopedByModel() {
        return !scope.models().isEmpty() && !scope.models().contains("*");
    }

    /**
     * Whether it checks a request of {@code workspace} (null for none) on {@code route} (null when the model
     * was named directly) that may be served by any of {@code models} ({@code provider/model}, the one asked
     * for among them).
     */
    boolean appliesTo(String workspace, String route, Collection<String> models) {
        return matches(scope.workspaces(), workspace) && matches(scope.routes(), route)
                && (!scopedByModel() || models.stream().anyMatch(scope.models()::contains));
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed.isEmpty() || allowed.contains("*") || (value != null && allowed.contains(value));
    }
}
