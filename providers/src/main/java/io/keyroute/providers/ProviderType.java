package io.keyroute.providers;

import java.util.Arrays;
import java.util.Optional;

/** The upstream API families Keyroute can speak, with each one's public base URL. */
public enum ProviderType {
    OPENAI("openai", "https://api.openai.com/v1", null),
    OPENAI_COMPATIBLE("openai-compatible", null, null),
    ANTHROPIC("anthropic", "https://api.anthropic.com", null),
    GEMINI("gemini", "https://generativelanguage.googleapis.com", "models/"),
    MOCK("mock", "mock://local", null);

    private final String configName;
    private final String defaultBaseUrl;
    private final String modelPrefix;

    ProviderType(String configName, String defaultBaseUrl, String modelPrefix) {
        this.configName = configName;
        this.defaultBaseUrl = defaultBaseUrl;
        this.modelPrefix = modelPrefix;
    }

    /** The {@code type:} value in the config file. */
    public String configName() {
        return configName;
    }

    /** The base URL as the official SDK has it; empty for types that must be told theirs. */
    public Optional<String> defaultBaseUrl() {
        return Optional.ofNullable(defaultBaseUrl);
    }

    /**
     * What this API puts before its model names in its own spelling (Gemini's {@code models/}):
     * {@code models/gemini-2.5-pro} is the model {@code gemini-2.5-pro}. Empty for APIs without one.
     */
    public Optional<String> modelPrefix() {
        return Optional.ofNullable(modelPrefix);
    }

    public static Optional<ProviderType> fromConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName.equals(name)).findFirst();
    }
}
