package dev.hybridrag.core.extract.offline;

import java.util.Locale;

/** The entity types the offline extractor assigns; {@link #label()} is the string stored with the entity. */
enum EntityType {
    PERSON,
    ORGANIZATION,
    TECHNOLOGY,
    CONCEPT,
    FILE,
    COMMAND,
    VERSION,
    IDENTIFIER;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
