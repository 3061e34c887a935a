package dev.hybridrag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.storage.SpendReport;
import dev.hybridrag.core.storage.SpendReport.Grouping;
import dev.hybridrag.core.storage.SpendReport.Row;
import dev.hybridrag.core.tenant.TenantConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The Python tool's cost report, from the spend ledgers of the configured tenants (docs/budget.md). */
@Command(
        name = "cost",
        description = "LLM and embedding calls, tokens and estimated USD, from the recorded usage of every tenant.")
final class CostCommand implements Callable<Integer> {

    private static final Pattern SPAN = Pattern.compile("(\\d+)([mhd])");

    @Spec
    CommandSpec spec;

    @Option(names = "--since", description = "how far back: 30m, 24h, 7d (default 24h)")
    String since = "24h";

    @Option(names = "--by", description = "tenant, model, operation or day (default tenant)")
    String by = "tenant";

    @Option(names = "--json", description = "one JSON document, for scripts")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Grouping grouping;
        try {
            grouping = Grouping.of(by);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Instant from = Instant.now().minus(span());
        Map<String, Row> rows = new TreeMap<>();
        try (Infrastructure infra = Infrastructure.fromEnvironment(Environment.system())) {
            for (TenantConfig tenant : infra.tenants().all()) {
                List<Row> found = SpendReport.load(infra.dataSource(tenant), tenant.workspace(), from, grouping);
                // A tenant's rows say its workspace; the report says its id.
                SpendReport.addInto(
                        rows,
                        grouping == Grouping.TENANT
                                ? found.stream()
                                        .map(row -> new Row(
                                                tenant.id().value(),
                                                row.calls(),
                                                row.promptTokens(),
                                                row.completionTokens(),
                                                row.usd()))
                                        .toList()
                                : found);
            }
        }
        Row total = rows.values().stream().reduce(new Row("total", 0, 0, 0, 0), Row::plus);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            printJson(out, grouping, from, rows, total);
        } else {
            printTable(out, grouping, rows, total);
        }
        out.flush();
        return 0;
    }

    private Duration span() {
        Matcher matcher = SPAN.matcher(since.strip());
        if (!matcher.matches()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--since must be minutes, hours or days like 30m, 24h or 7d, not '" + since + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private void printTable(PrintWriter out, Grouping grouping, Map<String, Row> rows, Row total) {
        String format = "%-28s %8s %12s %12s %12s %12s%n";
        out.printf(format, grouping.name().toLowerCase(), "calls", "prompt", "completion", "tokens", "usd");
        for (Row row : rows.values()) {
            printRow(out, format, row);
        }
        printRow(out, format, total);
    }

    private static void printRow(PrintWriter out, String format, Row row) {
        out.printf(
                format,
                row.key(),
                row.calls(),
                row.promptTokens(),
                row.completionTokens(),
                row.totalTokens(),
                String.format(java.util.Locale.ROOT, "%.4f", row.usd()));
    }

    private static void printJson(PrintWriter out, Grouping grouping, Instant from, Map<String, Row> rows, Row total)
            throws Exception {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("since", from.toString());
        document.put("by", grouping.name().toLowerCase());
        document.put("rows", rows.values().stream().map(CostCommand::fields).toList());
        document.put("total", fields(total));
        out.println(
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document));
    }

    private static Map<String, Object> fields(Row row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", row.key());
        fields.put("calls", row.calls());
        fields.put("promptTokens", row.promptTokens());
        fields.put("completionTokens", row.completionTokens());
        fields.put("totalTokens", row.totalTokens());
        fields.put("usd", row.usd());
        return fields;
    }
}
