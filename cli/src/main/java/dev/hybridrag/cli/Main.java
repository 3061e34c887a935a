package dev.hybridrag.cli;

import dev.hybridrag.cli.monitor.MonitorCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hybridrag} command. {@code ./hybridrag} at the repository root adds up, down, ps and test. */
@Command(
        name = "hybridrag",
        mixinStandardHelpOptions = true,
        version = "hybridrag 0.1.0",
        description = "Knowledge-graph RAG over folders of changing markdown.",
        subcommands = {
            RunCommand.class,
            QueryCommand.class,
            InteractiveCommand.class,
            EvalCommand.class,
            StatusCommand.class,
            DocumentsCommand.class,
            TenantCommand.class,
            BackendCommand.class,
            DlqCommand.class,
            CostCommand.class,
            MonitorCommand.class,
            IngestCommand.class,
            McpCommand.class,
            AotTrainingCommand.class,
            PsqlCommand.class
        })
public final class Main {

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("hybridrag: " + Errors.describe(e));
            return 1;
        });
        System.exit(commandLine.execute(args));
    }
}
