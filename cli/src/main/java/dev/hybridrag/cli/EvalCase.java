package dev.hybridrag.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One line of a question file: the question, the file holding its answer, and (when the file has an
 * {@code answer_patterns} column) regular expressions of which a correct answer matches at least one,
 * case-insensitively.
 */
record EvalCase(String question, String file, List<Pattern> answerPatterns) {

    EvalCase {
        answerPatterns = List.copyOf(answerPatterns);
    }

    /** The cases of a TSV whose first line names its columns ({@code question}, {@code file}, optional patterns). */
    static List<EvalCase> read(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv);
        int patterns = -1;
        List<EvalCase> cases = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String[] fields = lines.get(n).split("\t", -1);
            if (n == 0 && fields[0].equals("question")) {
                patterns = Arrays.asList(fields).indexOf("answer_patterns");
                continue;
            }
            if (fields.length < 2 || fields[0].isBlank()) {
                continue;
            }
            List<Pattern> compiled = new ArrayList<>();
            if (patterns >= 0 && patterns < fields.length && !fields[patterns].isBlank()) {
                // The file's convention: alternatives separated by |, none of which contains | itself.
                for (String pattern : fields[patterns].split("\\|")) {
                    try {
                        compiled.add(Pattern.compile(pattern, Pattern.CASE_INSENSITIVE));
                    } catch (PatternSyntaxException e) {
                        throw new IllegalArgumentException(tsv + " line " + (n + 1)
                                + ": answer pattern is not a regular expression: " + e.getDescription());
                    }
                }
            }
            cases.add(new EvalCase(fields[0], fields[1], compiled));
        }
        return cases;
    }

    /** Whether a reference's path is this case's file (references may carry the watch root's sub-folders). */
    boolean isExpected(String path) {
        return path.equals(file) || path.endsWith("/" + file);
    }

    boolean matches(String answer) {
        return answerPatterns.stream().anyMatch(p -> p.matcher(answer).find());
    }
}
