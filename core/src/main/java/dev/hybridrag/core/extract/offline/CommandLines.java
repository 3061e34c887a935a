package dev.hybridrag.core.extract.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises commands ({@code bun test}, {@code git push}, {@code npm run build}) and names them by program and
 * subcommands only: {@code git commit -m "fix"} is the command {@code git commit}, so that its mentions add up.
 */
final class CommandLines {

    private static final Set<String> SUBCOMMANDS = WordList.of(
            "install i add remove rm uninstall run test build init create start stop restart serve dev exec x "
                    + "push pull fetch commit clone checkout switch merge rebase status log logs diff branch tag stash "
                    + "reset revert publish link update upgrade outdated audit ci lint format compose up down ps apply "
                    + "get describe deploy list ls show login version clean package verify compile generate migrate "
                    + "session sessions tasks task git mcp pr config remote worktree rules dir cd delete set edit view "
                    + "check typecheck tsc prune inspect images pipeline backend ingest query interactive tenant help "
                    + "cherry-pick approve review watch pop new open close");
    // subcommands that take a further subcommand (docker compose up) or a script name (npm run build)
    private static final Set<String> NESTING = WordList.of(
            "compose remote stash worktree config session sessions tasks task mcp git rules backend tenant pr");
    private static final Set<String> SCRIPT_RUNNERS = WordList.of("run exec x");
    // programs that are also English words are recognised in prose only inside backticks or shell blocks
    private static final Set<String> ENGLISH =
            WordList.of("head tail less find touch source eval export echo kill make go cat snap code claude jar node");
    private static final Pattern PROGRAM = Pattern.compile("(\\.{0,2}/)?[a-z][\\w.-]*(/[\\w.-]+)*");
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern PROMPT = Pattern.compile("^(\\$|%|>)\\s+");
    private static final Pattern ENVIRONMENT = Pattern.compile("^(sudo\\s+)?([A-Z_][A-Z0-9_]*=\\S*\\s+)+");

    private final Set<String> programs;

    CommandLines(Set<String> programs) {
        this.programs = programs;
    }

    /** The commands a shell line or a code span runs, split at {@code &&}, {@code ||}, pipes and {@code ;}. */
    List<String> inLine(String line) {
        List<String> commands = new ArrayList<>();
        for (String part : line.split("&&|\\|\\||\\||;")) {
            command(part).ifPresent(commands::add);
        }
        return commands;
    }

    Optional<String> command(String text) {
        String line = ENVIRONMENT
                .matcher(PROMPT.matcher(text.strip()).replaceFirst(""))
                .replaceFirst("");
        String[] words = line.split("\\s+");
        if (line.startsWith("#") || !PROGRAM.matcher(words[0]).matches()) {
            return Optional.empty();
        }
        String program = words[0].substring(words[0].lastIndexOf('/') + 1);
        boolean flagged = false;
        for (String word : words) {
            flagged |= word.startsWith("-");
        }
        if (!programs.contains(words[0]) && !programs.contains(program) && !flagged) {
            return Optional.empty();
        }
        List<String> name = new ArrayList<>(List.of(words[0]));
        for (int i = 1; i < words.length && name.size() < 3; i++) {
            if (!continues(name.size() == 1 ? null : name.get(1), words[i])) {
                break;
            }
            name.add(words[i]);
        }
        return name.size() < 2 ? Optional.empty() : Optional.of(String.join(" ", name));
    }

    /** How many tokens from {@code start} form a command written in plain prose ("then run bun test"), or 0. */
    int lengthInProse(List<Token> tokens, int start) {
        Token first = tokens.get(start);
        if (first.code() || !programs.contains(first.text()) || ENGLISH.contains(first.text())) {
            return 0;
        }
        int end = start + 1;
        while (end < tokens.size()
                && end - start < 3
                && !tokens.get(end).code()
                && continues(
                        end == start + 1 ? null : tokens.get(start + 1).text(),
                        tokens.get(end).text())) {
            end++;
        }
        return end - start >= 2 ? end - start : 0;
    }

    /** Whether {@code word} continues a command name whose subcommand so far is {@code subcommand} (null: none). */
    private static boolean continues(String subcommand, String word) {
        if (!WORD.matcher(word).matches()) {
            return false;
        }
        if (subcommand == null) {
            return SUBCOMMANDS.contains(word);
        }
        return SCRIPT_RUNNERS.contains(subcommand) || (NESTING.contains(subcommand) && SUBCOMMANDS.contains(word));
    }
}
