package dev.hybridrag.core.config;

import java.util.List;
import java.util.Optional;

/** What a setting's value must be, declared with the setting; a value that fails it stops the process at start. */
@FunctionalInterface
public interface ValueCheck {

    /** Any text, the empty text included. */
    ValueCheck ANY = value -> Optional.empty();

    /** Why the value is not acceptable, or empty when it is. */
    Optional<String> problem(String value);

    static ValueCheck wholeNumber(long min, long max) {
        return value -> {
            try {
                long number = Long.parseLong(value);
                return number >= min && number <= max
                        ? Optional.empty()
                        : Optional.of("must be between " + min + " and " + max);
            } catch (NumberFormatException e) {
                return Optional.of("must be a whole number");
            }
        };
    }

    static ValueCheck number(double min) {
        return value -> {
            try {
                double number = Double.parseDouble(value);
                return number >= min && Double.isFinite(number)
                        ? Optional.empty()
                        : Optional.of("must be a finite number of at least " + min);
            } catch (NumberFormatException e) {
                return Optional.of("must be a number");
            }
        };
    }

    static ValueCheck oneOf(List<String> allowed) {
        return value -> allowed.contains(value)
                ? Optional.empty()
                : Optional.of("must be one of " + String.join(", ", allowed));
    }
}
