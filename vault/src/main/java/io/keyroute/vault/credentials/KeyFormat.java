package io.keyroute.vault.credentials;

import io.keyroute.api.Secret;
import io.keyroute.vault.VaultErrors;

/**
 * The shape each provider's keys have, checked before storing so a pasted wrong key (an Anthropic
 * key on an OpenAI credential) is caught at once. Types with no known shape only need a value.
 */
final class KeyFormat {
    private KeyFormat() {
    }

    static void check(ProviderInfo provider, Secret key) {
        String value = key.reveal();
        if (value.isBlank() || value.length() < 8 || value.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(provider, "a non-empty key without spaces");
        }
        switch (provider.type()) {
            case "openai" -> {
                if (!value.startsWith("sk-") || value.startsWith("sk-ant-")) {
                    throw invalid(provider, "an OpenAI key starting with 'sk-'");
                }
            }
            case "anthropic" -> {
                if (!value.startsWith("sk-ant-")) {
                    throw invalid(provider, "an Anthropic key starting with 'sk-ant-'");
                }
            }
            case "gemini" -> {
                if (!value.startsWith("AIza")) {
                    throw invalid(provider, "a Google AI key starting with 'AIza'");
                }
            }
            default -> {
                // openai-compatible and mock: any provider's key shape
            }
        }
    }

    private static RuntimeException invalid(ProviderInfo provider, String expected) {
        return VaultErrors.unprocessable("invalid_api_key_format",
                "api_key does not look like a key for provider '" + provider.id() + "': expected " + expected + ".",
                "api_key");
    }
}
