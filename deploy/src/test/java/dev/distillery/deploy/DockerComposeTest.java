package dev.distillery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docker-compose.yml at the root starts what the services need, and gives each only what it reads. */
class DockerComposeTest {
  private static final Set<String> CONDITIONS =
      Set.of("service_started", "service_healthy", "service_completed_successfully");

  private final JsonNode services = Yaml.read(Repo.file("docker-compose.yml")).path("services");

  @Test
  void everyServiceModuleIsBuiltFromItsDockerfile() {
    for (String module : Repo.serviceModules()) {
      JsonNode service = services.path(module);
      assertThat(service.isObject()).as("%s in docker-compose.yml", module).isTrue();
      assertThat(service.path("image").asText()).as("%s image", module).isNotBlank();
      String context = service.path("build").path("context").asText();
      assertThat(Repo.file(context).normalize()).as("%s build context", module).isEqualTo(Repo.file(module));
      assertThat(Repo.file(context).resolve(service.path("build").path("dockerfile").asText()))
          .as("%s Dockerfile", module)
          .isRegularFile();
    }
  }

  @Test
  void servicesAreGivenOnlyTheEnvironmentVariablesTheyRead() {
    Map<String, List<String>> unread = new LinkedHashMap<>();
    for (String module : Repo.serviceModules()) {
      Set<String> read = ServiceConfig.of(module).environmentVariablesRead();
      Set<String> set = environment(services.path(module)).keySet();
      assertThat(set).as("%s environment", module).isNotEmpty();
      set.stream()
          .filter(name -> !read.contains(name))
          .forEach(name -> unread.computeIfAbsent(module, m -> new ArrayList<>()).add(name));
    }
    assertThat(unread).as("variables set in docker-compose.yml that the service's configuration never reads").isEmpty();
  }

  @Test
  void credentialsComeFromTheHostEnvironmentNotTheFile() {
    services.fields().forEachRemaining(service -> environment(service.getValue()).forEach((name, value) -> {
      if (SecretNames.isSecret(name)) {
        assertThat(value == null || value.startsWith("${"))
            .as("%s: %s must be taken from the environment, not written in the file", service.getKey(), name)
            .isTrue();
      }
    }));
  }

  @Test
  void servicesArePublishedAndHealthCheckedOnThePortTheyListenOn() {
    for (String module : Repo.serviceModules()) {
      int port = ServiceConfig.of(module).httpPort();
      JsonNode service = services.path(module);
      assertThat(Yaml.namesOf(service.path("ports"))).as("%s ports", module).contains(port + ":" + port);
      assertThat(healthcheck(service))
          .as("%s healthcheck", module)
          .contains("http://localhost:" + port + "/q/health/ready");
    }
  }

  @Test
  void everyContainerHasAnImageAndAHealthcheck() {
    services.fields().forEachRemaining(service -> {
      JsonNode definition = service.getValue();
      assertThat(definition.has("image") || definition.has("build")).as("%s image or build", service.getKey()).isTrue();
      assertThat(healthcheck(definition)).as("%s healthcheck", service.getKey()).isNotBlank();
    });
  }

  @Test
  void servicesStartOnlyOnceKafkaAndPostgresAreHealthy() {
    String kafka = serviceWithImage("apache/kafka:");
    String postgres = serviceWithImage("postgres:");
    for (String module : Repo.serviceModules()) {
      JsonNode dependsOn = services.path(module).path("depends_on");
      assertThat(dependsOn.path(kafka).path("condition").asText())
          .as("%s waits for %s", module, kafka)
          .isEqualTo("service_healthy");
      assertThat(dependsOn.path(postgres).path("condition").asText())
          .as("%s waits for %s", module, postgres)
          .isEqualTo("service_healthy");
    }
    services.fields().forEachRemaining(service -> {
      JsonNode dependsOn = service.getValue().path("depends_on");
      dependsOn.fields().forEachRemaining(dependency -> {
        assertThat(services.has(dependency.getKey()))
            .as("%s depends on unknown %s", service.getKey(), dependency.getKey())
            .isTrue();
        assertThat(CONDITIONS)
            .as("%s depends_on %s condition", service.getKey(), dependency.getKey())
            .contains(dependency.getValue().path("condition").asText());
      });
    });
  }

  @Test
  void kafkaAcceptsTheLargestMessagesTheServicesSend() {
    JsonNode kafka = services.path(serviceWithImage("apache/kafka:")).path("environment");
    assertThat(kafka.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
    long producerLimit =
        Long.parseLong(ServiceConfig.commons().getProperty("mp.messaging.outgoing.events-out.max.request.size"));
    assertThat(kafka.path("KAFKA_MESSAGE_MAX_BYTES").asLong()).isGreaterThanOrEqualTo(producerLimit);
  }

  @Test
  void monitoringStartsOnlyWithItsProfile() {
    for (String name : List.of("prometheus", "grafana")) {
      assertThat(Yaml.namesOf(services.path(name).path("profiles")))
          .as("%s profiles", name)
          .containsExactly("monitoring");
    }
  }

  @Test
  void prometheusScrapesEveryServiceMetricsEndpoint() {
    assertThat(mounts("prometheus"))
        .containsEntry("./deploy/prometheus/prometheus.yml", "/etc/prometheus/prometheus.yml");
    JsonNode config = Yaml.read(Repo.file("deploy/prometheus/prometheus.yml"));
    List<String> targets = new ArrayList<>();
    config.path("scrape_configs").forEach(job -> {
      assertThat(job.path("metrics_path").asText())
          .as("job %s metrics_path", job.path("job_name").asText())
          .isEqualTo("/q/metrics");
      job.path("static_configs")
          .forEach(group -> group.path("targets").forEach(target -> targets.add(target.asText())));
    });
    for (String module : Repo.serviceModules()) {
      assertThat(targets).as("Prometheus targets").contains(module + ":" + ServiceConfig.of(module).httpPort());
    }
  }

  @Test
  void grafanaLoadsTheShippedDashboards() {
    Map<String, String> mounts = mounts("grafana");
    assertThat(mounts).containsEntry("./deploy/grafana/provisioning", "/etc/grafana/provisioning");
    JsonNode providers = Yaml.read(Repo.file("deploy/grafana/provisioning/dashboards/distillery.yml"))
        .path("providers");
    String dashboardsPath = providers.path(0).path("options").path("path").asText();
    assertThat(mounts).containsEntry("./deploy/grafana/dashboards", dashboardsPath);
    assertThat(Repo.file("deploy/grafana/provisioning/datasources")).isDirectoryContaining("glob:**.yml");
  }

  private String serviceWithImage(String imagePrefix) {
    List<String> names = new ArrayList<>();
    services.fields().forEachRemaining(service -> {
      if (service.getValue().path("image").asText().startsWith(imagePrefix)) {
        names.add(service.getKey());
      }
    });
    assertThat(names).as("services running %s", imagePrefix).hasSize(1);
    return names.get(0);
  }

  /** Bind mounts of a service, source → target, without the access mode. */
  private Map<String, String> mounts(String service) {
    Map<String, String> mounts = new LinkedHashMap<>();
    services.path(service).path("volumes").forEach(volume -> {
      String[] parts = volume.asText().split(":");
      mounts.put(parts[0], parts[1]);
    });
    return mounts;
  }

  private static String healthcheck(JsonNode service) {
    JsonNode test = service.path("healthcheck").path("test");
    return test.isArray() ? String.join(" ", Yaml.namesOf(test)) : test.asText();
  }

  /**
   * A service's environment, name → value, from either of Compose's forms ({@code NAME: value} or
   * {@code - NAME=value}); a name without a value (passed through from the host) maps to null.
   */
  private static Map<String, String> environment(JsonNode service) {
    Map<String, String> variables = new LinkedHashMap<>();
    JsonNode environment = service.path("environment");
    if (environment.isArray()) {
      environment.forEach(entry -> {
        String[] parts = entry.asText().split("=", 2);
        variables.put(parts[0], parts.length > 1 ? parts[1] : null);
      });
    } else {
      environment.fields().forEachRemaining(entry ->
          variables.put(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().asText()));
    }
    return variables;
  }
}
