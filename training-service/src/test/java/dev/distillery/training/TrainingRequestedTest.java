package dev.distillery.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.Topics;
import dev.distillery.contracts.TrainingRequested;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class TrainingRequestedTest {
  private static final String DLQ = Topics.deadLetter(Topics.TRAINING_REQUESTED);
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern REQUESTED_METRIC =
      Pattern.compile("(?m)^distillery_trainings_requested_total(?:\\{[^}]*})? (\\S+)$");

  private KafkaCompanion kafka;
  private final String runId = UUID.randomUUID().toString();

  @BeforeEach
  void connect() {
    kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  @Test
  void requestedTrainingIsRenderedAsAGpuJobRunningAQloraConfig() throws Exception {
    double requestedBefore = requestedCount();
    TrainingRequested request = TrainingRequests.withValidation(runId);
    String id = Ids.derive("training", request.datasetId());

    produce(request);

    JsonPath training = awaitTraining(id);
    assertThat(training.getString("status")).isEqualTo("RENDERED");
    assertThat(training.getString("runId")).isEqualTo(runId);
    assertThat(training.getString("datasetId")).isEqualTo(request.datasetId());
    assertThat(training.getString("baseModel")).isEqualTo("Qwen/Qwen2.5-0.5B-Instruct");
    assertThat(training.getInt("lora.r")).isEqualTo(16);
    assertThat(training.getString("quantization.quantType")).isEqualTo("nf4");

    Job job = Serialization.unmarshal(training.getString("manifests.job"), Job.class);
    ConfigMap configMap = Serialization.unmarshal(training.getString("manifests.configMap"), ConfigMap.class);
    assertThat(job.getApiVersion()).isEqualTo("batch/v1");
    assertThat(job.getKind()).isEqualTo("Job");
    assertThat(job.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/part-of", "distillery")
        .containsEntry("distillery.dev/run-id", runId)
        .containsEntry("distillery.dev/training-id", id);
    assertThat(job.getSpec().getBackoffLimit()).isEqualTo(1);
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(86_400);
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
      assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
      assertThat(t.getOperator()).isEqualTo("Exists");
      assertThat(t.getEffect()).isEqualTo("NoSchedule");
    });
    Container container = pod.getContainers().get(0);
    assertThat(container.getCommand()).containsExactly("axolotl", "train", "/config/axolotl.yaml");
    assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(container.getVolumeMounts())
        .anySatisfy(m -> {
          assertThat(m.getName()).isEqualTo("config");
          assertThat(m.getMountPath()).isEqualTo("/config");
        });
    assertThat(pod.getVolumes())
        .anySatisfy(v -> {
          assertThat(v.getName()).isEqualTo("config");
          assertThat(v.getConfigMap()).isNotNull();
          assertThat(v.getConfigMap().getName()).isEqualTo(configMap.getMetadata().getName());
        })
        .anySatisfy(v -> assertThat(v.getPersistentVolumeClaim())
            .isNotNull()
            .satisfies(claim -> assertThat(claim.getClaimName()).isEqualTo("distillery-data")));
    assertThat(configMap.getData()).containsEntry("axolotl.yaml", training.getString("manifests.axolotlConfig"));

    JsonNode axolotl = YAML.readTree(training.getString("manifests.axolotlConfig"));
    assertThat(axolotl.get("base_model").asText()).isEqualTo("Qwen/Qwen2.5-0.5B-Instruct");
    assertThat(axolotl.get("adapter").asText()).isEqualTo("qlora");
    assertThat(axolotl.get("load_in_4bit").asBoolean()).isTrue();
    assertThat(axolotl.get("lora_r").asInt()).isEqualTo(16);
    assertThat(axolotl.get("lora_alpha").asInt()).isEqualTo(32);
    assertThat(axolotl.get("lora_dropout").asDouble()).isEqualTo(0.05);
    assertThat(axolotl.get("lora_target_modules")).hasSize(7);
    assertThat(axolotl.at("/bnb_config_kwargs/bnb_4bit_quant_type").asText()).isEqualTo("nf4");
    assertThat(axolotl.at("/bnb_config_kwargs/bnb_4bit_use_double_quant").asBoolean()).isTrue();
    assertThat(axolotl.at("/bnb_config_kwargs/bnb_4bit_compute_dtype").asText()).isEqualTo("bfloat16");
    assertThat(axolotl.at("/datasets/0/path").asText()).isEqualTo(request.trainFile());
    assertThat(axolotl.at("/datasets/0/type").asText()).isEqualTo("chat_template");
    assertThat(axolotl.at("/test_datasets/0/path").asText()).isEqualTo(request.validationFile());
    assertThat(axolotl.get("num_epochs").asInt()).isEqualTo(3);
    assertThat(axolotl.get("learning_rate").asDouble()).isEqualTo(2e-4);
    assertThat(axolotl.get("optimizer").asText()).isEqualTo("paged_adamw_8bit");
    assertThat(axolotl.get("output_dir").asText()).isEqualTo(training.getString("outputDir"));

    given().queryParam("runId", runId).when().get("/trainings")
        .then().statusCode(200).body("size()", equalTo(1)).body("[0].id", equalTo(id));
    assertThat(requestedCount()).isEqualTo(requestedBefore + 1);
  }

  @Test
  void renderedManifestsAreAcceptedByAKubernetesApiServer() {
    TrainingRequested request = TrainingRequests.withoutValidation(runId);
    String id = Ids.derive("training", request.datasetId());
    produce(request);
    JsonPath training = awaitTraining(id);

    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    try (KubernetesClient client = server.createClient()) {
      client.resource(training.getString("manifests.configMap")).create();
      client.resource(training.getString("manifests.job")).create();

      String namespace = training.getString("namespace");
      Job stored = client.batch().v1().jobs().inNamespace(namespace).withName(training.getString("jobName")).get();
      assertThat(stored).isNotNull();
      assertThat(stored.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
          .containsEntry("nvidia.com/gpu", new Quantity("1"));
      String configMapName = stored.getSpec().getTemplate().getSpec().getVolumes().stream()
          .filter(v -> v.getConfigMap() != null)
          .findFirst()
          .orElseThrow()
          .getConfigMap()
          .getName();
      ConfigMap mounted = client.configMaps().inNamespace(namespace).withName(configMapName).get();
      assertThat(mounted.getData()).containsEntry("axolotl.yaml", training.getString("manifests.axolotlConfig"));
      assertThat(client.batch().v1().jobs().inNamespace(namespace).withLabel("distillery.dev/run-id", runId).list().getItems())
          .singleElement()
          .satisfies(j -> assertThat(j.getMetadata().getLabels()).containsEntry("distillery.dev/training-id", id));
    } finally {
      server.destroy();
    }
  }

  @Test
  void replayedRequestLeavesOneTrainingJob() {
    TrainingRequested first = TrainingRequests.withValidation(runId);
    TrainingRequested second = TrainingRequests.withValidation(runId);

    produce(first);
    produce(first);
    produce(second);

    // same run, same key, same partition: once the second is stored, the replay has been handled
    awaitTraining(Ids.derive("training", second.datasetId()));
    List<String> ids =
        given().queryParam("runId", runId).when().get("/trainings").then().statusCode(200).extract().jsonPath().getList("id");
    assertThat(ids)
        .containsExactlyInAnyOrder(Ids.derive("training", first.datasetId()), Ids.derive("training", second.datasetId()));
  }

  @Test
  void malformedRequestIsDeadLetteredWithItsReasonAndTheNextOneIsProcessed() {
    String payload = "{\"runId\": \"" + runId + "\", \"trainFile\": 42}";
    TrainingRequested next = TrainingRequests.withValidation(runId);

    kafka.produceStrings().fromRecords(EventRecords.malformed(Topics.TRAINING_REQUESTED, payload)).awaitCompletion();
    produce(next);

    try (ConsumerTask<String, String> deadLetters =
        kafka.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(DLQ)) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(deadLetters.getRecords())
              .filteredOn(r -> payload.equals(r.value()))
              .singleElement()
              .satisfies(r -> assertThat(EventRecords.header(r, "dead-letter-reason"))
                  .contains("training.requested event does not match its schema")));
    }
    awaitTraining(Ids.derive("training", next.datasetId()));
  }

  @Test
  void requestWithoutTrainingExamplesIsDeadLetteredAndRendersNothing() {
    TrainingRequested empty = TrainingRequests.request(runId, 0, 0);

    produce(empty);

    try (ConsumerTask<String, String> deadLetters =
        kafka.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(DLQ)) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(deadLetters.getRecords())
              .filteredOn(r -> r.value().contains(empty.datasetId()))
              .singleElement()
              .satisfies(r -> assertThat(EventRecords.header(r, "dead-letter-reason")).contains("no training examples")));
    }
    given().when().get("/trainings/" + Ids.derive("training", empty.datasetId())).then().statusCode(404);
  }

  @Test
  void unknownTrainingIsNotFoundAndBadIdsAreRefused() {
    String unknown = UUID.randomUUID().toString();
    given().when().get("/trainings/" + unknown)
        .then().statusCode(404).body("status", equalTo(404)).body("error", containsString(unknown));
    given().when().get("/trainings/not-a-uuid")
        .then().statusCode(400).body("error", containsString("training id 'not-a-uuid' is not a UUID"));
    given().when().get("/trainings")
        .then().statusCode(400).body("error", containsString("runId is required"));
    given().queryParam("runId", runId).when().get("/trainings")
        .then().statusCode(200).body("size()", equalTo(0));
  }

  private void produce(TrainingRequested request) {
    kafka.produceStrings().fromRecords(EventRecords.of(request)).awaitCompletion();
  }

  private static JsonPath awaitTraining(String id) {
    await().atMost(Duration.ofSeconds(30))
        .until(() -> given().when().get("/trainings/" + id).then().extract().statusCode() == 200);
    return given().when().get("/trainings/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static double requestedCount() {
    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher matcher = REQUESTED_METRIC.matcher(metrics);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }
}
