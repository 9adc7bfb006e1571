package dev.distillery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped dashboard loads in Grafana and charts only series the services really expose. */
class GrafanaDashboardTest {
  /**
   * Series that come with the platform rather than our code: Prometheus' own {@code up}, Quarkus' HTTP server
   * metrics, Micrometer's JVM and process binders, and the Kafka client metrics Quarkus binds.
   */
  private static final Set<String> PLATFORM_SERIES = Set.of(
      "up",
      "http_server_requests_seconds_count",
      "http_server_requests_seconds_sum",
      "http_server_requests_seconds_max",
      "jvm_memory_used_bytes",
      "jvm_memory_committed_bytes",
      "jvm_memory_max_bytes",
      "jvm_gc_pause_seconds_count",
      "jvm_gc_pause_seconds_sum",
      "jvm_gc_pause_seconds_max",
      "jvm_threads_live_threads",
      "process_cpu_usage",
      "system_cpu_usage",
      "kafka_consumer_fetch_manager_records_lag_max");

  /** Series that only ever grow: counters, and a timer's or histogram's count, sum and buckets. */
  private static final List<String> COUNTER_SUFFIXES = List.of("_total", "_count", "_sum", "_bucket");

  private JsonNode dashboard;
  private Map<String, List<String>> queriesByPanel;

  @BeforeEach
  void load() throws IOException {
    dashboard = new ObjectMapper().readTree(Repo.file("deploy/grafana/dashboards/distillery.json").toFile());
    queriesByPanel = new LinkedHashMap<>();
    for (JsonNode panel : panels()) {
      List<String> queries = new ArrayList<>();
      panel.path("targets").forEach(target -> queries.add(target.path("expr").asText()));
      queriesByPanel.put(panel.path("title").asText(), queries);
    }
  }

  @Test
  void dashboardIsAGrafanaDashboardWithDistinctPanelsOnTheGrid() {
    assertThat(dashboard.path("uid").asText()).isNotBlank();
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : allPanels()) {
      String title = panel.path("title").asText();
      assertThat(ids.add(panel.path("id").asInt())).as("panel id %s of %s is unique", panel.path("id"), title).isTrue();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("w").asInt()).as("%s width", title).isPositive();
      assertThat(grid.path("h").asInt()).as("%s height", title).isPositive();
      assertThat(grid.path("x").asInt() + grid.path("w").asInt())
          .as("%s fits the 24 columns", title)
          .isLessThanOrEqualTo(24);
    }
  }

  @Test
  void everyPanelQueriesAMetricTheCodeOrThePlatformExposes() {
    Set<String> code = CodeMetrics.mentioned();
    Map<String, Set<String>> unknown = new LinkedHashMap<>();
    queriesByPanel.forEach((title, queries) -> {
      assertThat(queries).as("queries of panel %s", title).isNotEmpty().allMatch(query -> !query.isBlank());
      for (String query : queries) {
        Set<String> metrics = PromQl.metricNames(query);
        assertThat(metrics).as("metrics in %s", query).isNotEmpty();
        metrics.stream()
            .filter(metric -> !PLATFORM_SERIES.contains(metric) && !CodeMetrics.covers(code, metric))
            .forEach(metric -> unknown.computeIfAbsent(title, t -> new TreeSet<>()).add(metric));
      }
    });
    assertThat(unknown).as("series no service code registers, by panel").isEmpty();
  }

  @Test
  void everyMetricTheServicesRegisterIsCharted() {
    Set<String> charted = new TreeSet<>();
    queriesByPanel.values().forEach(queries -> queries.forEach(query -> charted.addAll(PromQl.metricNames(query))));
    for (String registered : CodeMetrics.registered()) {
      assertThat(charted)
          .as("a panel for %s", registered)
          .anyMatch(series -> CodeMetrics.covers(Set.of(registered), series));
    }
  }

  @Test
  void countersAreChartedAsRatesNotAsEverGrowingTotals() {
    queriesByPanel.values().forEach(queries -> queries.forEach(query -> {
      for (String metric : PromQl.metricNames(query)) {
        if (COUNTER_SUFFIXES.stream().anyMatch(metric::endsWith)) {
          String unwrapped = Pattern.compile("(?:rate|irate|increase)\\(\\s*" + Pattern.quote(metric))
              .matcher(query)
              .replaceAll("");
          assertThat(PromQl.metricNames(unwrapped))
              .as("%s outside rate()/increase() in %s", metric, query)
              .doesNotContain(metric);
        }
      }
    }));
  }

  @Test
  void queriesGoToTheChosenPrometheusDataSource() {
    JsonNode variable = null;
    for (JsonNode candidate : dashboard.path("templating").path("list")) {
      if (candidate.path("type").asText().equals("datasource")) {
        variable = candidate;
      }
    }
    assertThat(variable).as("a data source variable").isNotNull();
    assertThat(variable.path("query").asText()).isEqualTo("prometheus");
    String reference = "${" + variable.path("name").asText() + "}";
    for (JsonNode panel : panels()) {
      assertThat(panel.path("datasource").path("uid").asText())
          .as("%s data source", panel.path("title").asText())
          .isEqualTo(reference);
      panel.path("targets").forEach(target ->
          assertThat(target.path("datasource").path("uid").asText())
              .as("%s target data source", panel.path("title").asText())
              .isEqualTo(reference));
    }
    JsonNode provisioned = Yaml.read(Repo.file("deploy/grafana/provisioning/datasources/prometheus.yml"))
        .path("datasources")
        .path(0);
    assertThat(provisioned.path("type").asText()).isEqualTo("prometheus");
  }

  /** Every panel that draws data: rows left out, panels inside collapsed rows included. */
  private List<JsonNode> panels() {
    return allPanels().stream().filter(panel -> !panel.path("type").asText().equals("row")).toList();
  }

  private List<JsonNode> allPanels() {
    List<JsonNode> panels = new ArrayList<>();
    dashboard.path("panels").forEach(panel -> {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    });
    return panels;
  }
}
