package io.keyroute.providers;

import io.keyroute.api.Usage;

/** A finished non-streaming answer, already in the caller's wire format, and what it cost in tokens. */
public record ChatResult(byte[] body, Usage usage) {
}
