package dev.hybridrag.core.extract;

/** A relation between two entities as one chunk states it; {@code strength} is the model's weight (default 1). */
public record ExtractedRelation(String source, String target, String keywords, String description, double strength) {}
