package io.keyroute.server.cli;

import io.keyroute.server.cli.litellm.Conversion;
import io.keyroute.server.cli.litellm.LiteLlmImport;
import io.keyroute.server.config.ConfigException;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code serve --config} on a LiteLLM file: converted in memory, what was not carried over printed
 * at start (stderr, one line each), loaded as if it were the converted file. Keys the LiteLLM file
 * held in plaintext are supplied to the substitution in memory, under the process environment.
 */
final class LiteLlmConfigFile {
    private LiteLlmConfigFile() {
    }

    /** Whether {@code file} is a LiteLLM config (an unreadable file is not: the loader says why). */
    static boolean is(Path file) {
        try {
            return LiteLlmImport.isLiteLlm(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @throws ConfigException as the loader does, naming the LiteLLM file */
    static KeyrouteConfig load(Path file, Map<String, String> env, PrintStream err) {
        Conversion conversion = new LiteLlmImport().convert(file);
        ImportLiteLlmCommand.printNotCarried(err, conversion);
        err.println("not carried over: reloading: a LiteLLM file is read once, at start; `keyroute import litellm`"
                + " writes a Keyroute config that is reloaded when it changes");
        var withSecrets = new HashMap<>(conversion.inlineSecrets());
        withSecrets.putAll(env); // the environment wins, as it does for a Keyroute file
        return new ConfigLoader(withSecrets).load(conversion.yaml(), file + " (converted from LiteLLM)");
    }
}
