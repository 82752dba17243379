package io.keyroute.providers;

import java.util.Arrays;
import java.util.Optional;

/** The upstream API families Keyroute can speak, with each one's public base URL. */
public enum ProviderType {
    OPENAI("openai", "https://api.openai.com/v1"),
    OPENAI_COMPATIBLE("openai-compatible", null),
    ANTHROPIC("anthropic", "https://api.anthropic.com"),
    GEMINI("gemini", "https://generativelanguage.googleapis.com"),
    MOCK("mock", "mock://local");

    private final String configName;
    private final String defaultBaseUrl;

    ProviderType(String configName, String defaultBaseUrl) {
        this.configName = configName;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The {@code type:} value in the config file. */
    public String configName() {
        return configName;
    }

    /** The base URL as the official SDK has it; empty for types that must be told theirs. */
    public Optional<String> defaultBaseUrl() {
        return Optional.ofNullable(defaultBaseUrl);
    }

    public static Optional<ProviderType> fromConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName.equals(name)).findFirst();
    }
}
