package io.keyroute.routing.health;

import java.time.Instant;

/**
 * A provider's latest failure blamed on it or on one of its credentials: when, and how, as
 * {@code UpstreamError#shortForm()} puts it (e.g. {@code openai 503}). Never the provider's own
 * text, which can quote a request or a key and is shown to every workspace admin.
 */
public record LastError(Instant at, String summary) {
}
