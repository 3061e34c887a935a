package dev.hybridrag.core.extract.offline;

/** A name recognised by its shape or spelling alone, before it is placed in a sentence. */
record TechnicalName(String name, EntityType type, double confidence) {}
