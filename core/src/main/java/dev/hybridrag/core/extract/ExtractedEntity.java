package dev.hybridrag.core.extract;

/** An entity as one chunk mentions it. {@code name} is the display name; {@link EntityNames#key} gives identity. */
public record ExtractedEntity(String name, String type, String description) {}
