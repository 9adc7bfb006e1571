package dev.distillery.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Distillery metric names the services' code mentions, as Prometheus will show them. */
final class CodeMetrics {
  /** Any string literal shaped like one of our metric names; a config prefix caught too only widens the set. */
  private static final Pattern DOTTED = Pattern.compile("\"(distillery(?:\\.[a-z0-9_]+)+)\"");
  /** A name handed straight to Micrometer: registry.counter("…"), Timer.builder("…"), @Counted("…"), … */
  private static final Pattern REGISTERED = Pattern.compile(
      "(?:counter|timer|gauge|summary|builder|Counted|Timed|Gauge|longTaskTimer)"
          + "\\s*\\(\\s*(?:value\\s*=\\s*|name\\s*=\\s*)?"
          + DOTTED.pattern());
  /** What Micrometer's Prometheus naming appends: counters, timers (seconds), distribution summaries. */
  private static final List<String> SUFFIXES = List.of("", "_total", "_seconds_count", "_seconds_sum", "_seconds_max",
      "_seconds_bucket", "_count", "_sum", "_max", "_bucket");

  private CodeMetrics() {}

  /** Every dotted distillery name in the services' main Java code, in Prometheus form without suffix. */
  static Set<String> mentioned() {
    return scan(DOTTED);
  }

  /** The names the code passes directly to a Micrometer registration, in Prometheus form without suffix. */
  static Set<String> registered() {
    return scan(REGISTERED);
  }

  /** Whether a Prometheus series name is one of these base names plus a suffix Micrometer adds. */
  static boolean covers(Set<String> bases, String series) {
    return SUFFIXES.stream()
        .filter(series::endsWith)
        .anyMatch(suffix -> bases.contains(series.substring(0, series.length() - suffix.length())));
  }

  private static Set<String> scan(Pattern pattern) {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> modules = Files.list(Repo.root())) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path sources = module.resolve("src/main/java");
        if (Files.isDirectory(sources)) {
          try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
              Matcher matcher = pattern.matcher(Repo.read(file));
              while (matcher.find()) {
                names.add(matcher.group(1).replace('.', '_'));
              }
            });
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }
}
