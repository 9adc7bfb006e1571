package dev.distillery.ingest.rest;

import static dev.distillery.ingest.TestPapers.bytes;
import static dev.distillery.ingest.TestPapers.createRun;
import static dev.distillery.ingest.TestPapers.markdown;
import static dev.distillery.ingest.TestPapers.postPaper;
import static dev.distillery.ingest.TestPapers.records;
import static dev.distillery.testsupport.EventRecords.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.distillery.contracts.CloudEventHeaders;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.RunClosed;
import dev.distillery.contracts.TaskType;
import dev.distillery.contracts.Topics;
import dev.distillery.ingest.TestPapers;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class RunResourceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static KafkaCompanion kafka;

  @BeforeAll
  static void connect() {
    kafka = TestPapers.kafka();
  }

  @AfterAll
  static void disconnect() {
    kafka.close();
  }

  @Test
  void aNewRunIsOpenWithTheDefaultsForWhatItLeavesOut() {
    ExtractableResponse<Response> created = given().contentType(ContentType.JSON)
        .body("{\"name\": \"  survey  \","
            + " \"config\": {\"taskTypes\": [\"CODE_IMPLEMENTATION\"], \"requestTraining\": true}}")
        .post("/runs")
        .then()
        .statusCode(201)
        .body("name", is("survey"))
        .body("status", is("OPEN"))
        .body("createdAt", notNullValue())
        .body("closedAt", nullValue())
        .body("config.taskTypes", is(List.of("CODE_IMPLEMENTATION")))
        .body("config.samplesPerSegment", is(1))
        .body("config.exportFormats", is(List.of("OPENAI_CHAT", "ALPACA")))
        .body("config.validationShare", is(0.1f))
        .body("config.requestTraining", is(true))
        .extract();

    String runId = created.path("runId");
    assertThat(UUID.fromString(runId).version()).isEqualTo(4);
    assertThat(created.header("Location")).endsWith("/runs/" + runId);
    given().contentType(ContentType.JSON).post("/runs").then().statusCode(201)
        .body("config.taskTypes.size()", is(TaskType.DEFAULTS.size()))
        .body("config.mode", is("HYBRID"));
  }

  @Test
  void theModeTargetAndGenerationSettingsAreKept() {
    given().contentType(ContentType.JSON)
        .body("{\"config\": {\"mode\": \"IDENTIFY\", \"targetPerPaper\": 40,"
            + " \"generation\": {\"model\": \"qwen-plus\", \"budgetUsd\": 2.5}}}")
        .post("/runs")
        .then()
        .statusCode(201)
        .body("config.mode", is("IDENTIFY"))
        .body("config.targetPerPaper", is(40))
        .body("config.generation.model", is("qwen-plus"))
        .body("config.generation.budgetUsd", is(2.5f));
    given().contentType(ContentType.JSON).body("{\"config\": {\"mode\": \"GUESS\"}}").post("/runs")
        .then().statusCode(400).body("error", allOf(containsString("config.mode"), containsString("GUESS")));
  }

  @Test
  void anInvalidConfigIsRefusedWithTheReason() {
    given().contentType(ContentType.JSON).body("{\"config\": {\"validationShare\": 0.9}}").post("/runs")
        .then().statusCode(400).body("error", allOf(containsString("validationShare"), containsString("0.9")));
    given().contentType(ContentType.JSON).body("{\"config\": {\"samplesPerSegment\": 0}}").post("/runs")
        .then().statusCode(400).body("error", containsString("samplesPerSegment must be at least 1"));
    given().contentType(ContentType.JSON).body("{\"config\": {\"taskTypes\": [\"POETRY\"]}}").post("/runs")
        .then().statusCode(400).body("status", is(400))
        .body("error", allOf(containsString("config.taskTypes[0]"), containsString("POETRY")));
    given().contentType(ContentType.JSON).body("{\"name\": ").post("/runs")
        .then().statusCode(400).body("error", containsString("invalid request body"));
  }

  @Test
  void runsAreListedNewestFirst() {
    String older = createRun("older");
    String newer = createRun("newer");

    List<String> ids = given().get("/runs").then().statusCode(200).extract().path("runId");

    assertThat(ids).containsSubsequence(newer, older);
  }

  @Test
  void closingAnnouncesTheFinalPaperListOnceAndStopsNewPapers() {
    String runId = createRun("to close");
    String first = postPaper(runId, "a.md", markdown("Alpha", "One"));
    String second = postPaper(runId, "b.md", markdown("Beta", "Two"));

    try (ConsumerTask<String, String> published = records(kafka, Topics.RUN_CLOSED, runId)) {
      String closedAt = given().post("/runs/{id}/close", runId)
          .then().statusCode(200).body("status", is("CLOSED")).body("closedAt", notNullValue())
          .extract().path("closedAt");

      ConsumerRecord<String, String> record = published.awaitRecords(1, WAIT).getFirstRecord();
      RunClosed event = EventRecords.codec().read(EventType.RUN_CLOSED, record.value());
      assertThat(record.key()).isEqualTo(runId);
      assertThat(header(record, CloudEventHeaders.ID))
          .isEqualTo(event.eventId())
          .isEqualTo(Ids.event(EventType.RUN_CLOSED, runId));
      assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("dev.distillery.run.closed.v1");
      assertThat(event.paperIds()).containsExactly(first, second);
      assertThat(event.name()).isEqualTo("to close");

      given().post("/runs/{id}/close", runId)
          .then().statusCode(200).body("status", is("CLOSED")).body("closedAt", is(closedAt));
    }
    given().contentType("text/markdown").body(bytes(markdown("Late", "Three"))).post("/runs/{id}/papers", runId)
        .then().statusCode(409).body("error", allOf(containsString(runId), containsString("closed")));
  }

  @Test
  void aRunWithoutPapersCannotBeClosed() {
    String runId = createRun("empty");

    given().post("/runs/{id}/close", runId)
        .then().statusCode(409).body("error", containsString("no papers"));
    given().get("/runs/{id}", runId).then().body("status", is("OPEN"));
  }

  @Test
  void anUnknownRunIsNotFound() {
    String unknown = UUID.randomUUID().toString();

    given().get("/runs/{id}", unknown).then().statusCode(404).body("error", containsString(unknown));
    given().post("/runs/{id}/close", unknown).then().statusCode(404);
    given().contentType("text/markdown").body(bytes(markdown("Lost", "Nowhere"))).post("/runs/{id}/papers", unknown)
        .then().statusCode(404).body("error", containsString(unknown));
  }

  @Test
  void progressShowsOwnCountsAndStagesThatDoNotAnswerAsUnavailable() {
    String runId = createRun("progress");
    postPaper(runId, "p.md", markdown("Progress", "One", "Two", "Three"));

    given().get("/runs/{id}", runId)
        .then()
        .statusCode(200)
        .body("runId", is(runId))
        .body("status", is("OPEN"))
        .body("papers", is(1))
        .body("segments", is(3))
        .body("promptsPlanned", nullValue())
        .body("samplesGenerated", nullValue())
        .body("samplesFailed", nullValue())
        .body("accepted", nullValue())
        .body("rejected", nullValue())
        .body("exported", nullValue())
        .body("dataset", nullValue())
        .body("stages.generation", is("unavailable"))
        .body("stages.quality", is("unavailable"))
        .body("stages.export", is("unavailable"));
  }
}
