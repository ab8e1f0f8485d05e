package dev.moat.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code moat} command line. */
@Command(name = "moat", mixinStandardHelpOptions = true, version = "moat 0.1.0",
        description = "A gateway that keeps a frontier model in the hands of the organisations it was meant for.",
        subcommands = {ServeCommand.class, DemoCommand.class, ScreenCommand.class, AnalyzeCommand.class,
                SimulateCommand.class, TraceCommand.class, ListsCommand.class, AuditCommand.class})
public final class MoatCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, with Moat's error handling. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MoatCommand());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("moat: " + e.getMessage());
            return 2;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
