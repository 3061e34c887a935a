package dev.hybridrag.core.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kafka's client metrics as promtool accepts them. Kafka spells units short and in whatever unit it measured
 * ({@code commit-sync-time-ns-total}, {@code start-time-ms}), where Prometheus wants base units spelt out, and names
 * gauges {@code ...-count}, a suffix Prometheus keeps for histograms and summaries. A filter can rename but not
 * rescale: meters in seconds are renamed ({@code _seconds}), those in other units (I/O and transaction times,
 * start time) are left out, and {@code _count} gauges become {@code _number}. The names operators use (records lag,
 * rates, latencies, which carry no unit in their name) keep theirs.
 */
final class PrometheusNames implements MeterFilter {

    private static final Set<String> SECONDS = Set.of("s", "sec");

    // The rest of promtool's unit abbreviations (promlint): no base unit, so no rename can make them right.
    private static final Set<String> OTHER_UNITS =
            Set.of("ms", "us", "ns", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return isKafka(id) && parts(id).stream().anyMatch(OTHER_UNITS::contains)
                ? MeterFilterReply.DENY
                : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!isKafka(id)) {
            return id;
        }
        String name = parts(id).stream()
                .map(part -> SECONDS.contains(part) ? "seconds" : part)
                .collect(Collectors.joining("."));
        if (name.endsWith(".count") && id.getType() != Meter.Type.COUNTER) {
            name = name.substring(0, name.length() - ".count".length()) + ".number";
        }
        Meter.Id renamed = name.equals(id.getName()) ? id : id.withName(name);
        String description = id.getDescription();
        if (description == null || description.isBlank()) {
            // Kafka leaves some per-broker metrics (node request latency) undescribed; promtool wants a HELP line.
            return new Meter.Id(
                    renamed.getName(),
                    Tags.of(renamed.getTagsAsIterable()),
                    renamed.getBaseUnit(),
                    "Kafka client metric " + id.getName(),
                    renamed.getType());
        }
        return renamed;
    }

    private static boolean isKafka(Meter.Id id) {
        return id.getName().startsWith("kafka.");
    }

    private static List<String> parts(Meter.Id id) {
        return Arrays.asList(id.getName().split("\\."));
    }
}
