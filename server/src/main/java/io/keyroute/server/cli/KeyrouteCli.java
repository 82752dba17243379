package io.keyroute.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code keyroute <command>}: the entry point the launcher runs. */
@Command(name = "keyroute", mixinStandardHelpOptions = true, version = "Keyroute 0.1.0",
        description = "Self-hosted LLM gateway: bring your own keys, route, translate, account.",
        subcommands = {ServeCommand.class, MigrateCommand.class, RotateMasterKeyCommand.class})
public final class KeyrouteCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new KeyrouteCli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
