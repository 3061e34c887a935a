package dev.hybridrag.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * A Docker Compose file read as Compose reads it, YAML anchors and merge keys resolved. SnakeYAML comes with
 * jackson-dataformat-yaml (tenants.yaml); Jackson's own tree model leaves merge keys unresolved.
 */
record ComposeFile(Path path, String text, Map<String, Object> root) {

    // ${NAME}, ${NAME:-default}, ${NAME:?message}; $${NAME} is escaped for the container's shell.
    private static final Pattern INTERPOLATED = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    static ComposeFile load(Path path) {
        try {
            String text = Files.readString(path);
            return new ComposeFile(path, text, new Yaml().load(text));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    Map<String, Map<String, Object>> services() {
        return map(root, "services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError(path + " has no service " + name);
        }
        return service;
    }

    /** The service's environment block (Compose's mapping form, the one these files use). */
    Map<String, Object> environment(String service) {
        return map(service(service), "environment");
    }

    Map<String, Map<String, Object>> networks() {
        return map(root, "networks");
    }

    Map<String, Map<String, Object>> volumes() {
        return map(root, "volumes");
    }

    /** Every variable the file takes from .env or the caller's environment. */
    Set<String> interpolatedVariables() {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = INTERPOLATED.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> node, String key) {
        Object value = node.get(key);
        return value == null ? List.of() : (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    static <V> Map<String, V> map(Map<String, ?> node, String key) {
        Object value = node.get(key);
        return value == null ? Map.of() : (Map<String, V>) value;
    }
}
