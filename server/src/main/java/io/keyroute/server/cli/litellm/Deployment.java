package io.keyroute.server.cli.litellm;

/**
 * One {@code model_list} entry as a route candidate.
 *
 * @param candidate the Keyroute {@code provider/model}
 * @param weight    LiteLLM's {@code weight}, {@code rpm} and {@code tpm} (null when unset): simple-shuffle's
 *                  weight is the first of them any deployment of the group has
 */
record Deployment(String candidate, Double weight, Double rpm, Double tpm) {
}
