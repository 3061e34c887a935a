package dev.hybridrag.indexer.wake;

/** What a wake-up asks of the indexer for its tenant. */
public enum Work {
    /** Rebuild the tenant's dirty graph keys ({@code graph_dirty}). */
    GRAPH("graph"),
    /** Bring the tenant's vectors into its configured embedding model. */
    EMBEDDINGS("embeddings");

    private final String label;

    Work(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The work a wake-up's value names; an unknown value (a newer writer's) asks for the graph, which is cheap. */
    static Work of(String label) {
        return EMBEDDINGS.label.equals(label) ? EMBEDDINGS : GRAPH;
    }
}
