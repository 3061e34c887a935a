package dev.hybridrag.query.mcp;

/** What a running tool call can tell its caller (progress) and ask it (whether the call was cancelled). */
interface ToolCallContext {

    ToolCallContext NONE = new ToolCallContext() {
        @Override
        public void progress(double done, double total, String message) {}

        @Override
        public boolean cancelled() {
            return Thread.currentThread().isInterrupted();
        }
    };

    /** Reported only when the caller asked for progress (a progress token). */
    void progress(double done, double total, String message);

    boolean cancelled();
}
