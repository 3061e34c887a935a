package dev.hybridrag.query.mcp;

import java.util.Map;
import java.util.Optional;

/**
 * A tool call's arguments. The SDK has already held them to the tool's input schema; these reads are the second
 * wall (a schema can be loosened by mistake) and every refusal names the field.
 */
final class ToolArguments {

    private final Map<String, Object> values;

    ToolArguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    Map<String, Object> asMap() {
        return values;
    }

    String requiredText(String name, int maxLength) {
        return optionalText(name, maxLength)
                .filter(text -> !text.isBlank())
                .orElseThrow(() -> new InvalidArgumentException(name, "'" + name + "' is required"));
    }

    Optional<String> optionalText(String name, int maxLength) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new InvalidArgumentException(name, "'" + name + "' must be a string");
        }
        if (text.length() > maxLength) {
            throw new InvalidArgumentException(name, "'" + name + "' is longer than " + maxLength + " characters");
        }
        return Optional.of(text);
    }

    int integer(String name, int fallback, int min, int max) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number
                && number.doubleValue() == Math.rint(number.doubleValue())
                && number.doubleValue() >= min
                && number.doubleValue() <= max) {
            return number.intValue();
        }
        throw new InvalidArgumentException(name, "'" + name + "' must be a whole number from " + min + " to " + max);
    }

    boolean bool(String name, boolean fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw new InvalidArgumentException(name, "'" + name + "' must be true or false");
    }
}
