package io.keyroute.server.cli;

import io.keyroute.server.cli.litellm.Conversion;
import io.keyroute.server.cli.litellm.LiteLlmImport;
import io.keyroute.server.cli.litellm.NotCarried;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyroute import litellm FILE [--out keyroute.yaml]}: writes the Keyroute config and lists, on
 * stderr, every setting it did not carry over. The written file holds no secret: a key the LiteLLM file
 * held in plaintext is read from a variable the list names.
 */
@Command(name = "litellm", mixinStandardHelpOptions = true,
        description = "Convert a LiteLLM proxy config.yaml into a Keyroute config.")
final class ImportLiteLlmCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The LiteLLM config.yaml.")
    Path file;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the Keyroute config (default: keyroute.yaml).")
    Path out = Path.of("keyroute.yaml");

    @Override
    public Integer call() throws IOException {
        Conversion conversion;
        try {
            conversion = new LiteLlmImport().convert(file);
        } catch (IllegalArgumentException e) {
            System.err.println("Keyroute cannot import: " + e.getMessage());
            return 2;
        }
        Files.writeString(out, conversion.yaml(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + out + " (" + conversion.notCarried().size() + " setting(s) not carried over"
                + (conversion.notCarried().isEmpty() ? ")." : ", listed on stderr)."));
        printNotCarried(System.err, conversion);
        return 0;
    }

    /** One line a setting: {@code not carried over: PATH: REASON}; shared with {@code serve}. */
    static void printNotCarried(PrintStream err, Conversion conversion) {
        for (NotCarried item : conversion.notCarried()) {
            err.println("not carried over: " + item);
        }
    }
}
