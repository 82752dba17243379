package io.keyroute.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code keyroute import <format> FILE}: converts another gateway's config into Keyroute's. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Convert another gateway's config.",
        subcommands = ImportLiteLlmCommand.class)
final class ImportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
