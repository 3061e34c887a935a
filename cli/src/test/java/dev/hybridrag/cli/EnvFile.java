package dev.hybridrag.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code .env} file: the variables it sets, and the ones it offers in comments ({@code # KEY=value}). */
record EnvFile(Map<String, String> set, Map<String, String> offered) {

    private static final Pattern LINE = Pattern.compile("^(#\\s*)?([A-Z][A-Z0-9_]*)=(.*)$");

    /** Variables docker-compose.yml itself uses; they reach the services too, which ignore them. */
    static final Set<String> COMPOSE_ONLY = Set.of(
            "DEPLOYMENT",
            "QUERY_PORT",
            "HYBRIDRAG_IMAGE",
            "POSTGRES_IMAGE",
            "KAFKA_IMAGE",
            "SHARED_KAFKA_BOOTSTRAP",
            "JDK_JAVA_OPTIONS",
            "POSTGRES_SHARED_BUFFERS");

    static EnvFile read(Path path) {
        Map<String, String> set = new LinkedHashMap<>();
        Map<String, String> offered = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(path)) {
                Matcher matcher = LINE.matcher(line.strip());
                if (matcher.matches()) {
                    (matcher.group(1) == null ? set : offered).put(matcher.group(2), matcher.group(3));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
        return new EnvFile(set, offered);
    }

    /** Every name the file sets or offers. */
    Set<String> names() {
        Set<String> names = new TreeSet<>(set.keySet());
        names.addAll(offered.keySet());
        return names;
    }
}
