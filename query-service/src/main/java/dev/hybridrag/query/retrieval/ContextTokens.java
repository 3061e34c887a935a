package dev.hybridrag.query.retrieval;

/** How many tokens a retrieved context takes in the answer prompt, counted as the budgets count them. */
public final class ContextTokens {

    private final ContextBudget budget = new ContextBudget();

    public int count(RetrievedContext context, String query) {
        return budget.cost(context, query);
    }
}
