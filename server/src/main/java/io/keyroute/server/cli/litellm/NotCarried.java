package io.keyroute.server.cli.litellm;

/**
 * One LiteLLM setting the Keyroute config does not hold as LiteLLM meant it.
 *
 * @param path   where it is in the LiteLLM file, e.g. {@code router_settings.routing_strategy}
 * @param reason why, and what to do instead; never the setting's value (it may be a secret)
 */
public record NotCarried(String path, String reason) {
    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
