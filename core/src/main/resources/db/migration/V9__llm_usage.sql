-- The spend ledger (docs/budget.md): one row per LLM or embedding call of a tenant, written at the call's estimate
-- before it is made and settled at what it was billed after it returns. Every process of the fleet writes here and
-- sums the tenant's UTC day from here, so restarts, replicas and services share one daily budget. The id comes from
-- the application (no sequence for the application role to be granted).
CREATE TABLE llm_usage (
    workspace         text             NOT NULL,
    id                uuid             NOT NULL,
    day               date             NOT NULL,
    at                timestamptz      NOT NULL,
    model             text             NOT NULL,
    kind              text             NOT NULL,
    operation         text             NOT NULL,
    prompt_tokens     bigint           NOT NULL,
    completion_tokens bigint           NOT NULL,
    usd               double precision NOT NULL,
    settled           boolean          NOT NULL DEFAULT false,
    PRIMARY KEY (workspace, id)
);

-- The budget check sums one tenant's day on every call: an index-only scan over that day's rows.
CREATE INDEX llm_usage_day ON llm_usage (workspace, day) INCLUDE (usd);

ALTER TABLE llm_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE llm_usage FORCE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON llm_usage
    USING (workspace = current_setting('hybridrag.workspace', true))
    WITH CHECK (workspace = current_setting('hybridrag.workspace', true));
