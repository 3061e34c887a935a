package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command on the deployment the environment describes: opens its {@link Infrastructure} (checking every setting
 * first), runs, and closes it; the output is flushed whatever happens.
 */
abstract class InfraCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try (Infrastructure infra = Infrastructure.fromEnvironment(environment())) {
            return run(infra, out());
        } finally {
            out().flush();
        }
    }

    /** @return the exit code */
    abstract int run(Infrastructure infra, PrintWriter out) throws Exception;

    /** The process environment; a command with an option that overrides a setting narrows it. */
    Environment environment() {
        return Environment.system();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
