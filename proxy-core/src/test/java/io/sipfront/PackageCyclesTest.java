package io.sipfront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of proxy-core's main code form no cycle (docs/architecture.md, "Package dependencies").
 *
 * <p>The graph is read from the sources: every {@code io.sipfront.PKG.Type} written in a file (imports, static
 * imports, wildcard imports, fully qualified names in code or Javadoc) is an edge from the file's package to PKG.
 * Same-package references need no import and are not edges. This is stricter than the compiled classes (a Javadoc
 * link counts) and also sees constants the compiler inlines.
 */
class PackageCyclesTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.sipfront(?:\\.[a-z][a-z0-9_]*)*)\\.(?:[A-Z]|\\*)");

    @Test
    void proxyCoreMainCodeHasNoPackageCycle() {
        Map<String, Set<String>> graph = packageGraph(MAIN);
        assertTrue(graph.getOrDefault("io.sipfront.core.proxy", Set.of()).contains("io.sipfront.core.routing"),
                "the reader must see a dependency every build has; graph: " + graph);
        List<String> cycle = findCycle(graph);
        assertTrue(cycle.isEmpty(), "package cycle: " + String.join(" -> ", cycle)
                + "\nmove the shared type to a package both may depend on; graph: " + graph);
    }

    @Test
    void aCycleIsFoundAndNamed() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a", "d"));
        graph.put("d", Set.of());
        assertEquals(List.of("a", "b", "c", "a"), findCycle(graph));
        graph.put("c", Set.of("d"));
        assertEquals(List.of(), findCycle(graph));
    }

    /** Package → the other io.sipfront packages its files name. */
    static Map<String, Set<String>> packageGraph(Path root) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String source = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(source);
                if (!pkg.find()) {
                    continue;
                }
                String from = pkg.group(1);
                Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher ref = REFERENCE.matcher(source);
                while (ref.find()) {
                    if (!ref.group(1).equals(from)) {
                        to.add(ref.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** One cycle as a path that starts and ends at the same package, or an empty list. */
    static List<String> findCycle(Map<String, Set<String>> graph) {
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            List<String> cycle = walk(start, graph, done, new ArrayDeque<>());
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> walk(String node, Map<String, Set<String>> graph, Set<String> done,
                                     Deque<String> path) {
        if (path.contains(node)) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String p : (Iterable<String>) path::descendingIterator) {
                in |= p.equals(node);
                if (in) {
                    cycle.add(p);
                }
            }
            cycle.add(node);
            return cycle;
        }
        if (!done.add(node)) {
            return List.of();
        }
        path.push(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> cycle = walk(next, graph, done, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.pop();
        return List.of();
    }
}
