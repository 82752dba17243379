package io.keyroute.server.cli.litellm;

import java.util.List;
import java.util.Map;

/**
 * A LiteLLM config converted.
 *
 * @param yaml          the Keyroute config, secrets as {@code ${VAR}} references only
 * @param notCarried    every setting not carried over, in file order within each section
 * @param inlineSecrets secrets the LiteLLM file held in plaintext, by the variable {@code yaml} reads
 *                      them from: {@code serve} supplies them in memory, {@code import} tells the user
 *                      to set them; never written anywhere
 */
public record Conversion(String yaml, List<NotCarried> notCarried, Map<String, String> inlineSecrets) {
    public Conversion {
        notCarried = List.copyOf(notCarried);
        inlineSecrets = Map.copyOf(inlineSecrets);
    }

    /** Shows no secret. */
    @Override
    public String toString() {
        return "Conversion[notCarried=" + notCarried.size() + ", inlineSecrets=" + inlineSecrets.keySet() + "]";
    }
}
