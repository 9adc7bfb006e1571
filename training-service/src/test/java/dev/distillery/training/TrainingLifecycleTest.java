package dev.distillery.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.distillery.contracts.TrainingState;
import dev.distillery.contracts.TrainingStatusChanged;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import dev.distillery.training.follow.ScriptedProgressSource;
import dev.distillery.training.follow.TrainingFollower;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A submitted Job followed through its life, as the Job controller and the trainer would move it. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KubernetesMockServerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ExportServiceStub.class, restrictToAnnotatedClass = false)
class TrainingLifecycleTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @Inject KubernetesClient kubernetes;
  @Inject ScriptedProgressSource trainer;
  @Inject TrainingFollower follower;

  private KafkaCompanion kafka;
  private TrainingCluster cluster;
  private final String runId = UUID.randomUUID().toString();

  @BeforeEach
  void connect() {
    kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    cluster = new TrainingCluster(kubernetes);
    // exact doubles: the default reads JSON decimals as floats
    RestAssured.config =
        RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  @Test
  void runningJobReportsLossLiveThenSucceedsAndRegistersItsAdapter() {
    String id = submit(Map.of());
    String job = "distillery-train-" + id;

    try (StatusEvents events = new StatusEvents(kafka, id)) {
      cluster.awaitJob(job);
      trainer.printed(
          job,
          List.of(
              "  3%|▎         | 1/30 [00:04<02:05,  4.33s/it]",
              "{'loss': 2.1432, 'grad_norm': 1.0383, 'learning_rate': 2e-05, 'epoch': 0.1}",
              "{'eval_loss': 1.8321, 'eval_runtime': 2.1043, 'eval_samples_per_second': 2.376, 'epoch': 0.1}",
              " 13%|█▎        | 4/30 [00:16<01:49,  4.21s/it]",
              "{'loss': 1.9012, 'grad_norm': 0.8812, 'learning_rate': 0.0001999, 'epoch': 0.4}"));
      cluster.podReady(job);

      JsonPath running = awaitState(id, "RUNNING", t -> Objects.equals(t.get("progress.loss"), 1.9012));
      assertThat(running.getLong("progress.step")).isEqualTo(4);
      assertThat(running.getLong("progress.totalSteps")).isEqualTo(30);
      assertThat(running.getDouble("progress.evalLoss")).isEqualTo(1.8321);
      assertThat(running.getLong("progress.etaSeconds")).isEqualTo(109);
      assertThat(running.getString("reason")).isEqualTo("training in Job " + job);
      assertThat(metric("distillery_training_loss", "training", id)).isEqualTo(1.9012);
      assertThat(metric("distillery_training_step", "training", id)).isEqualTo(4);
      given().when().get("/trainings/" + id + "/logs?lines=1")
          .then().statusCode(200).body(equalTo("{'loss': 1.9012, 'grad_norm': 0.8812, 'learning_rate': 0.0001999, 'epoch': 0.4}\n"));

      trainer.printed(
          job,
          List.of(
              "100%|██████████| 30/30 [02:05<00:00,  4.20s/it]",
              "{'eval_loss': 1.2207, 'eval_runtime': 2.0, 'epoch': 3.0}",
              "{'loss': 1.1804, 'grad_norm': 0.51, 'learning_rate': 0.0, 'epoch': 3.0}",
              "{'train_runtime': 125.9, 'train_samples_per_second': 0.95, 'train_loss': 1.62, 'epoch': 3.0}"));
      String paper = UUID.randomUUID().toString();
      String unused = UUID.randomUUID().toString();
      exportHasManifest(
          "{\"runId\": \"" + runId + "\", \"datasetId\": \"" + running.getString("datasetId") + "\", \"sources\": ["
              + "{\"file\": \"a.md\", \"paperId\": \"" + paper + "\", \"accepted\": 12, \"rejected\": 1},"
              + "{\"file\": \"b.md\", \"paperId\": \"" + unused + "\", \"accepted\": 0, \"rejected\": 3},"
              + "{\"file\": \"c.exe\", \"status\": \"rejected\", \"accepted\": 0}]}");
      cluster.completed(job);

      JsonPath succeeded = awaitState(id, "SUCCEEDED", t -> true);
      assertThat(succeeded.getDouble("progress.loss")).isEqualTo(1.1804);
      assertThat(succeeded.getString("reason")).isEqualTo("Job " + job + " completed");

      JsonPath adapters = given().queryParam("runId", runId).when().get("/adapters").then().statusCode(200).extract().jsonPath();
      assertThat(adapters.getList("$")).hasSize(1);
      assertThat(adapters.getString("[0].trainingId")).isEqualTo(id);
      assertThat(adapters.getString("[0].runId")).isEqualTo(runId);
      assertThat(adapters.getString("[0].datasetId")).isEqualTo(succeeded.getString("datasetId"));
      assertThat(adapters.getString("[0].baseModel")).isEqualTo("Qwen/Qwen2.5-0.5B-Instruct");
      assertThat(adapters.getString("[0].location")).isEqualTo(succeeded.getString("outputDir"));
      assertThat(adapters.getDouble("[0].finalLoss")).isEqualTo(1.1804);
      assertThat(adapters.getDouble("[0].finalEvalLoss")).isEqualTo(1.2207);
      assertThat(adapters.getLong("[0].steps")).isEqualTo(30);
      assertThat(adapters.getList("[0].paperIds")).containsExactly(paper);
      given().when().get("/adapters/" + adapters.getString("[0].id"))
          .then().statusCode(200).body("trainingId", equalTo(id)).body("engine", equalTo("AXOLOTL"));
      assertThat(metric("distillery_training_jobs", "state", "SUCCEEDED")).isGreaterThanOrEqualTo(1);

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(events.events()).last().satisfies(last -> assertThat(last.state()).isEqualTo(TrainingState.SUCCEEDED)));
      List<TrainingStatusChanged> published = events.events();
      assertThat(published).extracting(TrainingStatusChanged::sequence).isSorted().doesNotHaveDuplicates().startsWith(0L);
      assertThat(published).extracting(TrainingStatusChanged::state)
          .containsSubsequence(TrainingState.QUEUED, TrainingState.RUNNING, TrainingState.SUCCEEDED);
      assertThat(published).filteredOn(e -> e.state() == TrainingState.RUNNING)
          .anySatisfy(e -> assertThat(e.progress().loss()).isEqualTo(1.9012));

      JsonPath history = given().when().get("/trainings/" + id + "/history").then().statusCode(200).extract().jsonPath();
      assertThat(history.getList("sequence", Long.class))
          .containsExactlyElementsOf(published.stream().map(TrainingStatusChanged::sequence).toList());
      assertThat(history.getList("progress.loss")).contains(1.9012, 1.1804);
      assertThat(history.getString("[-1].state")).isEqualTo("SUCCEEDED");
    }
  }

  @Test
  void jobFailingOnAConfigErrorIsFailedWithTheClustersReasonAndRegistersNoAdapter() {
    String id = submit(Map.of());
    String job = "distillery-train-" + id;
    cluster.awaitJob(job);
    cluster.podReady(job);
    awaitState(id, "RUNNING", t -> true);

    cluster.failed(
        job, "PodFailurePolicy",
        "Container trainer for pod distillery/" + job + "-x7k2p failed with exit code 1 matching FailJob rule at index 0");

    JsonPath failed = awaitState(id, "FAILED", t -> true);
    assertThat(failed.getString("reason"))
        .startsWith("Job " + job + " failed: PodFailurePolicy: ")
        .contains("exit code 1");
    given().queryParam("runId", runId).when().get("/adapters").then().statusCode(200).body("size()", equalTo(0));
  }

  @Test
  void cancelDeletesTheJobAndRetryResumesFromTheCheckpointInANewAttempt() throws Exception {
    String id = submit(Map.of());
    String job = "distillery-train-" + id;
    cluster.awaitJob(job);

    given().when().post("/trainings/" + id + "/cancel")
        .then().statusCode(200).body("state", equalTo("CANCELLED")).body("reason", containsString("cancelled by a user"));
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.job(job) == null);
    given().when().post("/trainings/" + id + "/cancel")
        .then().statusCode(409).body("error", containsString("CANCELLED already"));

    given().contentType(ContentType.JSON).body("{\"checkpoint\": \"../../etc\"}").when().post("/trainings/" + id + "/retry")
        .then().statusCode(400).body("error", containsString("not a checkpoint directory name"));
    JsonPath retried =
        given().contentType(ContentType.JSON).body("{\"checkpoint\": \"checkpoint-20\"}").when().post("/trainings/" + id + "/retry")
            .then().statusCode(202).extract().jsonPath();
    assertThat(retried.getInt("attempt")).isEqualTo(2);
    assertThat(retried.getString("state")).isEqualTo("QUEUED");
    assertThat(retried.getString("workloadName")).isEqualTo(job + "-r2");

    cluster.awaitJob(job + "-r2");
    await().atMost(Duration.ofSeconds(30)).until(() -> configMap(job + "-r2-config") != null);
    JsonNode axolotl = YAML.readTree(configMap(job + "-r2-config").get("axolotl.yaml"));
    assertThat(axolotl.get("resume_from_checkpoint").asText()).isEqualTo(retried.getString("outputDir") + "/checkpoint-20");
    given().contentType(ContentType.JSON).body("{}").when().post("/trainings/" + id + "/retry")
        .then().statusCode(409).body("error", containsString("only a FAILED or CANCELLED training can be retried"));
  }

  @Test
  void restartedFollowerPicksUpAJobThatFinishedWhileItWasAway() {
    String id = submit(Map.of());
    String job = "distillery-train-" + id;
    cluster.awaitJob(job);
    awaitState(id, "QUEUED", t -> t.getString("reason").contains("submitted"));

    follower.stop();
    try {
      trainer.printed(job, List.of("{'loss': 0.9731, 'grad_norm': 0.4, 'learning_rate': 1e-05, 'epoch': 3.0}"));
      cluster.podReady(job);
      cluster.completed(job);
      assertThat(given().when().get("/trainings/" + id).then().extract().jsonPath().getString("state")).isEqualTo("QUEUED");
    } finally {
      follower.start();
    }

    JsonPath succeeded = awaitState(id, "SUCCEEDED", t -> true);
    assertThat(succeeded.getDouble("progress.loss")).isEqualTo(0.9731);
    given().queryParam("runId", runId).when().get("/adapters").then().statusCode(200).body("size()", equalTo(1));
  }

  @Test
  void aBaseModelTooBigForTheNodesGpuIsRefusedWithTheEstimate() {
    given().contentType(ContentType.JSON)
        .body(submission(Map.of("baseModel", "meta-llama/Llama-3.1-70B-Instruct")))
        .when().post("/trainings")
        .then().statusCode(422)
        .body("error", containsString("needs about 48.0 GB of GPU memory"))
        .body("error", containsString("the training nodes' GPU has 24 GB"));
  }

  @Test
  void badSubmissionsAreRefusedWithTheReason() {
    given().contentType(ContentType.JSON).body("{\"runId\": \"" + runId + "\"}").when().post("/trainings")
        .then().statusCode(400).body("error", containsString("datasetId is required"));
    given().contentType(ContentType.JSON).body(submission(Map.of("datasetId", "nope"))).when().post("/trainings")
        .then().statusCode(400).body("error", containsString("datasetId 'nope' is not a UUID"));
    String body = submission(Map.of());
    given().contentType(ContentType.JSON).body(body).when().post("/trainings").then().statusCode(201);
    given().contentType(ContentType.JSON).body(body).when().post("/trainings")
        .then().statusCode(409).body("error", containsString("already has training"));
    given().when().get("/trainings/" + UUID.randomUUID() + "/logs").then().statusCode(404);
  }

  /** What the export-service's GET /datasets/{runId} answers for this run. */
  private void exportHasManifest(String manifest) {
    URI export = URI.create(ConfigProvider.getConfig().getValue(ExportServiceStub.URL_PROPERTY, String.class));
    given().baseUri("http://" + export.getHost()).port(export.getPort())
        .body(manifest).when().put("/datasets/" + runId).then().statusCode(204);
  }

  private String submit(Map<String, String> fields) {
    return given().contentType(ContentType.JSON).body(submission(fields)).when().post("/trainings")
        .then().statusCode(201).extract().jsonPath().getString("id");
  }

  private String submission(Map<String, String> fields) {
    StringBuilder json = new StringBuilder("{\"runId\": \"" + runId + "\"");
    json.append(", \"datasetLocation\": \"/data/exports/").append(runId).append("\"");
    json.append(", \"validationFile\": \"/data/exports/").append(runId).append("/openai-chat.validation.jsonl\"");
    json.append(", \"trainExamples\": 40");
    if (!fields.containsKey("datasetId")) {
      json.append(", \"datasetId\": \"").append(UUID.randomUUID()).append("\"");
    }
    fields.forEach((k, v) -> json.append(", \"").append(k).append("\": \"").append(v).append("\""));
    return json.append("}").toString();
  }

  private Map<String, String> configMap(String name) {
    var configMap = kubernetes.configMaps().inNamespace(KubernetesMockServerResource.NAMESPACE).withName(name).get();
    return configMap == null ? null : configMap.getData();
  }

  private static JsonPath awaitState(String id, String state, Predicate<JsonPath> also) {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonPath t = given().when().get("/trainings/" + id).then().statusCode(200).extract().jsonPath();
      return state.equals(t.getString("state")) && also.test(t);
    });
    return given().when().get("/trainings/" + id).then().statusCode(200).extract().jsonPath();
  }

  static double metric(String name, String tag, String value) {
    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher matcher =
        Pattern.compile("(?m)^" + name + "\\{[^}]*" + tag + "=\"" + Pattern.quote(value) + "\"[^}]*} (\\S+)$").matcher(metrics);
    assertThat(matcher.find()).as("%s{%s=%s} in /q/metrics", name, tag, value).isTrue();
    return Double.parseDouble(matcher.group(1));
  }
}
