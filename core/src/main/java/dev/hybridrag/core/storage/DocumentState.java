package dev.hybridrag.core.storage;

/** Where one document stands: which version the table holds, its status, and why it failed or was refused. */
public record DocumentState(String path, String contentHash, long version, DocumentStatus status, String error) {

    /** Whether the pipeline is done with this version or a newer one: nothing more will happen without a change. */
    public boolean settledAt(long submittedVersion) {
        return version > submittedVersion
                || (version == submittedVersion
                        && status != DocumentStatus.PENDING
                        && status != DocumentStatus.PROCESSING);
    }
}
