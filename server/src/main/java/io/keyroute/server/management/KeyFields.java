package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.error.ClientError;
import io.keyroute.vault.common.VaultErrors;
import io.keyroute.vault.keys.KeyRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * A key's settings from a management body: all of them when issuing, the fields present when
 * changing (absent keeps what is; {@code null} removes a limit, the model list or the expiry).
 */
final class KeyFields {
    static final List<String> CHANGEABLE = List.of("name", "rpm", "tpm", "budget_usd", "models", "expires_at");

    private KeyFields() {
    }

    static KeyRequest issued(ObjectNode body, Clock clock) {
        return new KeyRequest(ManagementJson.text(body, "name"), ManagementJson.positiveInt(body, "rpm"),
                ManagementJson.positiveInt(body, "tpm"), ManagementJson.positiveUsd(body, "budget_usd"),
                ManagementJson.strings(body, "models"), expiresAt(body, clock));
    }

    /** {@code current} with the body's fields applied. */
    static KeyRequest changed(KeyRequest current, ObjectNode body, Clock clock) {
        return new KeyRequest(body.has("name") ? ManagementJson.text(body, "name") : current.name(),
                body.has("rpm") ? ManagementJson.positiveInt(body, "rpm") : current.rpm(),
                body.has("tpm") ? ManagementJson.positiveInt(body, "tpm") : current.tpm(),
                body.has("budget_usd") ? ManagementJson.positiveUsd(body, "budget_usd") : current.budgetUsd(),
                body.has("models") ? ManagementJson.strings(body, "models") : current.models(),
                body.has("expires_at") ? expiresAt(body, clock) : current.expiresAt());
    }

    /** The settings a change body names. */
    static Set<String> named(ObjectNode body) {
        return Set.copyOf(CHANGEABLE.stream().filter(body::has).toList());
    }

    /** An RFC 3339 time in the future, or null. */
    private static Instant expiresAt(ObjectNode body, Clock clock) {
        String text = ManagementJson.text(body, "expires_at");
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ClientError.badRequest("invalid_request", "'expires_at' must be an RFC 3339 time.", "expires_at");
        }
        if (!at.isAfter(clock.instant())) {
            throw VaultErrors.unprocessable("invalid_expiry", "'expires_at' must be in the future.", "expires_at");
        }
        return at;
    }
}
