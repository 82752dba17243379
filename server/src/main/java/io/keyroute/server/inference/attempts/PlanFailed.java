package io.keyroute.server.inference.attempts;

import io.keyroute.api.error.GatewayError;
import io.keyroute.usage.Charge;
import java.util.List;
import java.util.Optional;

/**
 * No attempt of a plan succeeded: carries what the caller is told, how many attempts were made
 * (for {@code x-keyroute-attempts}), the credential of the last one (for {@code x-keyroute-credential})
 * and what the failed attempts were billed all the same.
 */
public final class PlanFailed extends RuntimeException {
    private final transient GatewayError error;
    private final int attempts;
    private final transient List<Charge> billed;
    private final String lastCredentialId;

    /** @param lastCredentialId the credential of the last attempt made, or null when none was */
    PlanFailed(GatewayError error, int attempts, List<Charge> billed, String lastCredentialId) {
        super(error.getMessage(), error, false, false);
        this.error = error;
        this.attempts = attempts;
        this.billed = List.copyOf(billed);
        this.lastCredentialId = lastCredentialId;
    }

    /**
     * A delivered answer refused on its way to the caller (a guardrail checking output), before any byte of it
     * left: the attempt answered and is billed, but the caller gets {@code error}.
     */
    public static PlanFailed answerRefused(GatewayError error, Attempt attempt, Charge charge) {
        return new PlanFailed(error, attempt.number(), List.of(charge), attempt.credential().id());
    }

    public GatewayError error() {
        return error;
    }

    public int attempts() {
        return attempts;
    }

    public List<Charge> billed() {
        return billed;
    }

    /** The credential whose attempt answered last (a provider's error the caller is shown came through it), or empty. */
    public Optional<String> lastCredentialId() {
        return Optional.ofNullable(lastCredentialId);
    }
}
