package io.keyroute.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code keyroute <command>}: the entry point the launcher runs. */
@Command(name = "keyroute", mixinStandardHelpOptions = true, version = "Keyroute " + KeyrouteCli.VERSION,
        description = "Self-hosted LLM gateway: bring your own keys, route, translate, account.",
        subcommands = {ServeCommand.class, MigrateCommand.class, RotateMasterKeyCommand.class, BenchCommand.class,
                ImportCommand.class})
public final class KeyrouteCli implements Runnable {
    /** This build's version, as {@code --version} and the bench's results show it. */
    public static final String VERSION = "0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            StartupWarmup.begin();
        }
        System.exit(new CommandLine(new KeyrouteCli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
