package dev.hybridrag.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The training run of the CLI's AOT cache (scripts/cli.sh): the commands people run most, against the running stack,
 * so the classes they load are in the cache. Failures are fine here: an error path loads classes too.
 */
@Command(name = "aot-training", hidden = true, description = "run the CLI's common commands once (AOT cache training)")
final class AotTrainingCommand implements Callable<Integer> {

    @Option(names = "--tenant", defaultValue = "default")
    String tenant;

    @Option(names = "--run-dir", required = true)
    String runDir;

    @Override
    public Integer call() {
        List<List<String>> commands = List.of(
                List.of("status", "--run-dir", runDir),
                List.of("query", "--tenant", tenant, "what does this tenant hold?"),
                List.of("documents", "list", "--tenant", tenant));
        for (List<String> command : commands) {
            new CommandLine(new Main()).execute(command.toArray(String[]::new));
        }
        return 0;
    }
}
