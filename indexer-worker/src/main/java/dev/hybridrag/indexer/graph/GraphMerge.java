package dev.hybridrag.indexer.graph;

import dev.hybridrag.core.extract.EntityNames;
import dev.hybridrag.core.storage.EntityRow;
import dev.hybridrag.core.storage.Fragment;
import dev.hybridrag.core.storage.GraphKey;
import dev.hybridrag.core.storage.RelationRow;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Entities and relations as views of their fragments. Every choice (display name, type, order of descriptions)
 * depends only on the set of fragments, never on the order they were written in.
 */
final class GraphMerge {

    private static final List<String> VAGUE_TYPES = List.of("", "other", "unknown");

    private final DescriptionMerger descriptions;

    GraphMerge(DescriptionMerger descriptions) {
        this.descriptions = descriptions;
    }

    EntityRow entity(String key, List<Fragment> fragments) throws Exception {
        String name = mostFrequent(fragments, Fragment::name);
        String type = mostFrequent(
                fragments.stream().filter(f -> !VAGUE_TYPES.contains(f.type())).toList(), Fragment::type);
        return new EntityRow(
                key,
                name,
                type.isEmpty() ? "other" : type,
                descriptions.merge(name, distinctDescriptions(fragments)),
                fragments.stream().mapToDouble(Fragment::weight).sum(),
                fragments.size(),
                chunks(fragments),
                files(fragments));
    }

    RelationRow relation(String key, List<Fragment> fragments) throws Exception {
        String[] ends = key.split(String.valueOf(GraphKey.SEPARATOR), 2);
        // Display names per end, whichever direction each fragment stated the relation in.
        String first = mostFrequent(fragments, f -> EntityNames.key(f.name()).equals(ends[0]) ? f.name() : f.target());
        String second = mostFrequent(fragments, f -> EntityNames.key(f.name()).equals(ends[0]) ? f.target() : f.name());
        TreeSet<String> keywords = new TreeSet<>();
        fragments.forEach(f -> Arrays.stream(f.keywords().split(","))
                .map(String::strip)
                .filter(k -> !k.isEmpty())
                .forEach(keywords::add));
        return new RelationRow(
                key,
                first,
                second,
                ends[0],
                ends.length > 1 ? ends[1] : "",
                String.join(", ", keywords),
                descriptions.merge(first + " - " + second, distinctDescriptions(fragments)),
                fragments.stream().mapToDouble(Fragment::weight).sum(),
                fragments.size(),
                chunks(fragments),
                files(fragments));
    }

    /** The most frequent value; ties go to the alphabetically first, so the choice is stable. */
    private static String mostFrequent(List<Fragment> fragments, Function<Fragment, String> value) {
        Map<String, Long> counts = fragments.stream()
                .map(value)
                .filter(v -> v != null && !v.isBlank())
                .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .max(Comparator.comparingLong(Map.Entry<String, Long>::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElse("");
    }

    private static List<String> distinctDescriptions(List<Fragment> fragments) {
        return fragments.stream()
                .map(f -> f.description().strip())
                .filter(d -> !d.isEmpty())
                .distinct()
                .sorted()
                .toList();
    }

    private static List<String> chunks(List<Fragment> fragments) {
        return fragments.stream().map(Fragment::chunkId).distinct().sorted().toList();
    }

    private static List<String> files(List<Fragment> fragments) {
        return fragments.stream().map(Fragment::path).distinct().sorted().toList();
    }
}
