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
import dev.distillery.contracts.TrainingState;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
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
@QuarkusTestResource(value = KubernetesMockServerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ExportServiceStub.class, restrictToAnnotatedClass = false)
class TrainingRequestedTest {
  private static final String DLQ = Topics.deadLetter(Topics.TRAINING_REQUESTED);
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern REQUESTED_METRIC =
      Pattern.compile("(?m)^distillery_trainings_requested_total(?:\\{[^}]*})? (\\S+)$");

  @Inject KubernetesClient kubernetes;

  private KafkaCompanion kafka;
  private TrainingCluster cluster;
  private final String runId = UUID.randomUUID().toString();

  @BeforeEach
  void connect() {
    kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    cluster = new TrainingCluster(kubernetes);
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  @Test
  void requestedTrainingIsSubmittedAsAGpuJobMountingItsConfigAndReadingTheDataset() throws Exception {
    double requestedBefore = requestedCount();
    TrainingRequested request = TrainingRequests.withValidation(runId);
    String id = Ids.derive("training", request.datasetId());

    try (StatusEvents events = new StatusEvents(kafka, id)) {
      produce(request);

      Job job = cluster.awaitJob("distillery-train-" + id);
      assertThat(job.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/part-of", "distillery")
          .containsEntry("distillery.dev/run-id", runId)
          .containsEntry("distillery.dev/training-id", id);
      assertThat(job.getSpec().getBackoffLimit()).isEqualTo(1);
      assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(86_400);
      assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(86_400L);
      assertThat(job.getSpec().getPodFailurePolicy().getRules())
          .anySatisfy(rule -> {
            assertThat(rule.getAction()).isEqualTo("FailJob");
            assertThat(rule.getOnExitCodes().getValues()).contains(1, 2);
          })
          .anySatisfy(rule -> {
            assertThat(rule.getAction()).isEqualTo("Ignore");
            assertThat(rule.getOnPodConditions()).singleElement().satisfies(c -> assertThat(c.getType()).isEqualTo("DisruptionTarget"));
          });
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
      assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/config", "/data", "/dev/shm");
      assertThat(pod.getVolumes())
          .anySatisfy(v -> assertThat(v.getPersistentVolumeClaim())
              .isNotNull()
              .satisfies(claim -> assertThat(claim.getClaimName()).isEqualTo("distillery-data")))
          .anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("dshm");
            assertThat(v.getEmptyDir().getMedium()).isEqualTo("Memory");
          });
      String configMapName = pod.getVolumes().stream()
          .filter(v -> v.getConfigMap() != null).findFirst().orElseThrow().getConfigMap().getName();
      await().atMost(Duration.ofSeconds(30)).until(() -> configMap(configMapName) != null);
      ConfigMap configMap = configMap(configMapName);
      assertThat(configMap.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
        assertThat(owner.getKind()).isEqualTo("Job");
        assertThat(owner.getUid()).isEqualTo(job.getMetadata().getUid());
      });
      JsonNode axolotl = YAML.readTree(configMap.getData().get("axolotl.yaml"));
      assertThat(axolotl.get("adapter").asText()).isEqualTo("qlora");
      assertThat(axolotl.get("load_in_4bit").asBoolean()).isTrue();
      assertThat(axolotl.at("/datasets/0/path").asText()).isEqualTo(request.trainFile());
      assertThat(axolotl.at("/test_datasets/0/path").asText()).isEqualTo(request.validationFile());

      JsonPath training = awaitTraining(id);
      assertThat(training.getString("state")).isEqualTo("QUEUED");
      assertThat(training.getBoolean("dryRun")).isFalse();
      assertThat(training.getString("workloadName")).isEqualTo(job.getMetadata().getName());
      assertThat(training.getString("manifests.files.'axolotl.yaml'")).isEqualTo(configMap.getData().get("axolotl.yaml"));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(given().when().get("/trainings/" + id).then().extract().jsonPath().getString("reason"))
              .contains("Job " + job.getMetadata().getName() + " submitted"));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(events.events()).first().satisfies(first -> {
            assertThat(first.sequence()).isZero();
            assertThat(first.state()).isEqualTo(TrainingState.QUEUED);
            assertThat(first.runId()).isEqualTo(runId);
            assertThat(first.datasetId()).isEqualTo(request.datasetId());
          }));
    }
    given().queryParam("runId", runId).when().get("/trainings")
        .then().statusCode(200).body("size()", equalTo(1)).body("[0].id", equalTo(id));
    assertThat(requestedCount()).isEqualTo(requestedBefore + 1);
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

  private ConfigMap configMap(String name) {
    return kubernetes.configMaps().inNamespace(KubernetesMockServerResource.NAMESPACE).withName(name).get();
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
