package dev.distillery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes runs every service healthy, scraped, and with only the configuration it reads. */
class KubernetesManifestsTest {
  private static final String TEMPLATE_SUFFIX = ".template.yaml";
  private static final List<String> MANAGE = List.of("get", "list", "watch", "create", "update", "patch", "delete");

  private final Path directory = Repo.file("deploy/kubernetes");
  private final Map<Path, List<JsonNode>> files = load(directory);
  private final List<JsonNode> documents = files.values().stream().flatMap(List::stream).toList();

  @Test
  void kustomizationAppliesEveryManifestButNeverTheSecretTemplate() {
    JsonNode kustomization = Yaml.read(directory.resolve("kustomization.yaml"));
    assertThat(kustomization.path("namespace").asText()).isEqualTo("distillery");
    assertThat(named("Namespace", "distillery")).isNotNull();
    Set<String> listed = new TreeSet<>(Yaml.namesOf(kustomization.path("resources")));
    Set<String> manifests = new TreeSet<>();
    for (Path file : files.keySet()) {
      String name = directory.relativize(file).toString();
      if (!name.equals("kustomization.yaml") && !name.endsWith(TEMPLATE_SUFFIX)) {
        manifests.add(name);
      }
    }
    assertThat(listed).as("resources in kustomization.yaml").isEqualTo(manifests);
  }

  @Test
  void everyServiceIsProbedOnItsHealthEndpointsAtTheContainerPort() {
    for (String module : Repo.serviceModules()) {
      JsonNode container = container(module);
      int port = ServiceConfig.of(module).httpPort();
      assertThat(containerPorts(container).values()).as("%s container ports", module).contains(port);
      assertProbe(module, container, "livenessProbe", "/q/health/live", port);
      assertProbe(module, container, "readinessProbe", "/q/health/ready", port);
    }
  }

  @Test
  void deploymentsSetOnlyEnvironmentVariablesTheServiceReads() {
    Map<String, List<String>> unread = new LinkedHashMap<>();
    for (String module : Repo.serviceModules()) {
      Set<String> read = ServiceConfig.of(module).environmentVariablesRead();
      environmentNames(module, container(module)).stream()
          .filter(name -> !read.contains(name))
          .forEach(name -> unread.computeIfAbsent(module, m -> new ArrayList<>()).add(name));
    }
    assertThat(unread).as("variables set in deploy/kubernetes that the service's configuration never reads").isEmpty();
  }

  @Test
  void credentialsReachContainersOnlyThroughSecretKeyRefs() {
    for (String module : Repo.serviceModules()) {
      JsonNode container = container(module);
      container.path("env").forEach(variable -> {
        String name = variable.path("name").asText();
        if (SecretNames.isSecret(name)) {
          assertThat(variable.has("value")).as("%s: literal value for %s", module, name).isFalse();
          assertThat(variable.path("valueFrom").path("secretKeyRef").isObject())
              .as("%s: %s from a secretKeyRef", module, name)
              .isTrue();
        }
      });
      container.path("envFrom").forEach(source ->
          assertThat(source.has("secretRef"))
              .as("%s: envFrom a whole Secret hides which keys it reads", module)
              .isFalse());
    }
    for (JsonNode configMap : ofKind("ConfigMap")) {
      assertThat(configMap.path("data").fieldNames()).toIterable()
          .as("ConfigMap %s keys", configMap.path("metadata").path("name").asText())
          .noneMatch(SecretNames::isSecret);
    }
  }

  @Test
  void secretsAreShippedOnlyAsPlaceholdersForEveryKeyTheDeploymentsUse() {
    files.forEach((file, contents) -> contents.forEach(document ->
        assertThat(document.path("kind").asText().equals("Secret") && !file.toString().endsWith(TEMPLATE_SUFFIX))
            .as("Secret in %s, which kubectl apply -k would push over the real one", directory.relativize(file))
            .isFalse()));
    Map<String, Set<String>> templateKeys = new LinkedHashMap<>();
    for (JsonNode secret : ofKind("Secret")) {
      String name = secret.path("metadata").path("name").asText();
      Set<String> keys = templateKeys.computeIfAbsent(name, n -> new TreeSet<>());
      for (String field : List.of("stringData", "data")) {
        secret.path(field).fields().forEachRemaining(entry -> {
          keys.add(entry.getKey());
          if (SecretNames.isSecret(entry.getKey())) {
            assertThat(entry.getValue().asText()).as("Secret %s key %s", name, entry.getKey()).matches("<[^>]+>");
          }
        });
      }
    }
    for (JsonNode deployment : ofKind("Deployment")) {
      containers(deployment).forEach(container -> container.path("env").forEach(variable -> {
        JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
        if (ref.isObject()) {
          assertThat(templateKeys.getOrDefault(ref.path("name").asText(), Set.of()))
              .as("%s: Secret %s documented in the template", variable.path("name").asText(), ref.path("name").asText())
              .contains(ref.path("key").asText());
        }
      }));
    }
    assertThat(templateKeys).as("Secrets documented in %s files", TEMPLATE_SUFFIX).isNotEmpty();
  }

  @Test
  void generationStartsWithoutAnLlmApiKey() {
    JsonNode apiKey = env(container("generation-service"), "OPENAI_API_KEY").path("valueFrom").path("secretKeyRef");
    assertThat(apiKey.path("name").asText()).isEqualTo("distillery-llm");
    assertThat(apiKey.path("optional").asBoolean())
        .as("a missing distillery-llm Secret must not block the pod")
        .isTrue();
  }

  @Test
  void everyServiceRoutesToADeploymentPort() {
    assertThat(ofKind("Service")).hasSameSizeAs(ofKind("Deployment"));
    for (JsonNode service : ofKind("Service")) {
      String name = service.path("metadata").path("name").asText();
      JsonNode selector = service.path("spec").path("selector");
      assertThat(selector.size()).as("Service %s selector", name).isPositive();
      List<JsonNode> selected = ofKind("Deployment").stream()
          .filter(deployment -> matches(selector, podTemplate(deployment).path("metadata").path("labels")))
          .toList();
      assertThat(selected).as("Deployments selected by Service %s", name).hasSize(1);
      Map<String, Integer> ports = containerPorts(containers(selected.get(0)).get(0));
      service.path("spec").path("ports").forEach(port -> {
        JsonNode target = port.path("targetPort");
        assertThat(target.isInt() ? ports.containsValue(target.asInt()) : ports.containsKey(target.asText()))
            .as("Service %s targetPort %s", name, target.asText())
            .isTrue();
      });
    }
  }

  @Test
  void deploymentsAreLabelledBoundedAndScraped() {
    for (String module : Repo.serviceModules()) {
      JsonNode template = podTemplate(deployment(module));
      JsonNode labels = template.path("metadata").path("labels");
      assertThat(labels.path("app.kubernetes.io/name").asText()).as("%s name label", module).isEqualTo(module);
      assertThat(labels.path("app.kubernetes.io/part-of").asText())
          .as("%s part-of label", module)
          .isEqualTo("distillery");
      JsonNode annotations = template.path("metadata").path("annotations");
      assertThat(annotations.path("prometheus.io/scrape").asText()).as("%s scrape", module).isEqualTo("true");
      assertThat(annotations.path("prometheus.io/path").asText()).as("%s metrics path", module).isEqualTo("/q/metrics");
      assertThat(annotations.path("prometheus.io/port").asText())
          .as("%s metrics port", module)
          .isEqualTo(String.valueOf(ServiceConfig.of(module).httpPort()));
      JsonNode resources = container(module).path("resources");
      for (String bound : List.of("requests", "limits")) {
        assertThat(resources.path(bound).has("cpu") && resources.path(bound).has("memory"))
            .as("%s resources.%s cpu and memory", module, bound)
            .isTrue();
      }
    }
  }

  @Test
  void exportServiceKeepsDatasetsOnAPersistentVolume() {
    JsonNode container = container("export-service");
    String dataDir = env(container, "EXPORT_DATA_DIR").path("value").asText();
    String volume = null;
    for (JsonNode mount : container.path("volumeMounts")) {
      if (mount.path("mountPath").asText().equals(dataDir)) {
        volume = mount.path("name").asText();
      }
    }
    assertThat(volume).as("a volume mounted at EXPORT_DATA_DIR %s", dataDir).isNotNull();
    String claim = null;
    for (JsonNode candidate : podTemplate(deployment("export-service")).path("spec").path("volumes")) {
      if (candidate.path("name").asText().equals(volume)) {
        claim = candidate.path("persistentVolumeClaim").path("claimName").asText();
      }
    }
    assertThat(named("PersistentVolumeClaim", claim)).as("PersistentVolumeClaim %s", claim).isNotNull();
  }

  @Test
  void trainingServiceMayManageJobsAndConfigMapsInItsNamespace() {
    String account = podTemplate(deployment("training-service")).path("spec").path("serviceAccountName").asText();
    assertThat(named("ServiceAccount", account)).as("ServiceAccount %s", account).isNotNull();
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode binding : ofKind("RoleBinding")) {
      boolean bindsAccount = false;
      for (JsonNode subject : binding.path("subjects")) {
        bindsAccount |= subject.path("kind").asText().equals("ServiceAccount")
            && subject.path("name").asText().equals(account);
      }
      JsonNode roleRef = binding.path("roleRef");
      if (bindsAccount && roleRef.path("kind").asText().equals("Role")) {
        named("Role", roleRef.path("name").asText()).path("rules").forEach(rules::add);
      }
    }
    assertThat(rules).as("batch jobs").anyMatch(rule -> grants(rule, "batch", "jobs"));
    assertThat(rules).as("configmaps").anyMatch(rule -> grants(rule, "", "configmaps"));
    assertThat(ofKind("ClusterRoleBinding")).as("no cluster-wide rights").isEmpty();
  }

  private static boolean grants(JsonNode rule, String apiGroup, String resource) {
    return Yaml.namesOf(rule.path("apiGroups")).contains(apiGroup)
        && Yaml.namesOf(rule.path("resources")).contains(resource)
        && Yaml.namesOf(rule.path("verbs")).containsAll(MANAGE);
  }

  private void assertProbe(String module, JsonNode container, String probe, String path, int port) {
    JsonNode get = container.path(probe).path("httpGet");
    assertThat(get.path("path").asText()).as("%s %s path", module, probe).isEqualTo(path);
    JsonNode probePort = get.path("port");
    int resolved =
        probePort.isInt() ? probePort.asInt() : containerPorts(container).getOrDefault(probePort.asText(), -1);
    assertThat(resolved).as("%s %s port %s", module, probe, probePort.asText()).isEqualTo(port);
  }

  /** What the container's environment will hold: its env entries and the keys of ConfigMaps it takes whole. */
  private Set<String> environmentNames(String module, JsonNode container) {
    Set<String> names = new TreeSet<>();
    container.path("env").forEach(variable -> names.add(variable.path("name").asText()));
    container.path("envFrom").forEach(source -> {
      String configMap = source.path("configMapRef").path("name").asText();
      JsonNode data = named("ConfigMap", configMap);
      assertThat(data).as("%s: envFrom ConfigMap %s", module, configMap).isNotNull();
      data.path("data").fieldNames().forEachRemaining(names::add);
    });
    return names;
  }

  private static JsonNode env(JsonNode container, String name) {
    for (JsonNode variable : container.path("env")) {
      if (variable.path("name").asText().equals(name)) {
        return variable;
      }
    }
    throw new AssertionError("container " + container.path("name").asText() + " does not set " + name);
  }

  private static Map<String, Integer> containerPorts(JsonNode container) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    container.path("ports").forEach(port -> ports.put(port.path("name").asText(), port.path("containerPort").asInt()));
    return ports;
  }

  private static boolean matches(JsonNode selector, JsonNode labels) {
    List<String> missing = new ArrayList<>();
    selector.fields().forEachRemaining(entry -> {
      if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
        missing.add(entry.getKey());
      }
    });
    return missing.isEmpty();
  }

  private JsonNode deployment(String module) {
    JsonNode deployment = named("Deployment", module);
    assertThat(deployment).as("Deployment %s in deploy/kubernetes", module).isNotNull();
    return deployment;
  }

  private JsonNode container(String module) {
    List<JsonNode> containers = containers(deployment(module));
    assertThat(containers).as("%s containers", module).hasSize(1);
    return containers.get(0);
  }

  private static JsonNode podTemplate(JsonNode deployment) {
    return deployment.path("spec").path("template");
  }

  private static List<JsonNode> containers(JsonNode deployment) {
    List<JsonNode> containers = new ArrayList<>();
    podTemplate(deployment).path("spec").path("containers").forEach(containers::add);
    return containers;
  }

  private List<JsonNode> ofKind(String kind) {
    return documents.stream().filter(document -> document.path("kind").asText().equals(kind)).toList();
  }

  /** The document of that kind and name, or null. */
  private JsonNode named(String kind, String name) {
    return ofKind(kind).stream()
        .filter(document -> document.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElse(null);
  }

  private static Map<Path, List<JsonNode>> load(Path directory) {
    Map<Path, List<JsonNode>> files = new LinkedHashMap<>();
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
          .sorted()
          .forEach(path -> files.put(path, Yaml.readAll(path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(files).as("manifests in %s", directory).isNotEmpty();
    return files;
  }
}
