package dev.hybridrag.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The Python tool's {@code --backend}: its scripts pass {@code --backend postgres}, the only backend here, so the
 * option is accepted for that value and anything else is refused before a command does anything.
 */
final class BackendOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(
            names = "--backend",
            paramLabel = "postgres",
            description = "storage backend; postgres (PostgreSQL + pgvector) is the only one")
    void backend(String value) {
        if (!value.equals("postgres")) {
            String shown = value.matches("[A-Za-z0-9_-]{1,40}") ? value : "(invalid)";
            throw new ParameterException(
                    command.commandLine(),
                    "--backend " + shown + " is not supported: hybridrag keeps every tenant in PostgreSQL with"
                            + " pgvector; use --backend postgres or leave the option out");
        }
    }
}
