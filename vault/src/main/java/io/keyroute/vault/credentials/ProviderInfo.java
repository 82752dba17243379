package io.keyroute.vault.credentials;

import java.net.URI;

/**
 * What the vault needs to know of a configured provider: its wire type ({@code openai},
 * {@code anthropic}, {@code gemini}, {@code openai-compatible}, {@code mock}) and default base URL.
 */
public record ProviderInfo(String id, String type, URI baseUrl) {
}
