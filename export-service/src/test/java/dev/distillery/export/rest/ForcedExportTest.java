package dev.distillery.export.rest;

import static dev.distillery.contracts.Verdict.ACCEPTED;
import static dev.distillery.contracts.Verdict.REJECTED;
import static dev.distillery.export.Pipeline.PATIENCE;
import static dev.distillery.export.Pipeline.awaitExported;
import static dev.distillery.export.Pipeline.awaitReceived;
import static dev.distillery.export.Pipeline.awaitRecord;
import static dev.distillery.export.Pipeline.progress;
import static dev.distillery.export.Pipeline.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.Topics;
import dev.distillery.export.TestRun;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class ForcedExportTest {

  @Test
  void exportsWhatHasArrivedOfAnIncompleteRun() throws IOException {
    TestRun run = new TestRun(TestRun.config(0.2, false, ExportFormat.OPENAI_CHAT, ExportFormat.ALPACA));
    run.paper("Paper Theta", ACCEPTED, REJECTED, ACCEPTED);
    run.paper("Paper Iota", ACCEPTED, ACCEPTED);
    send(run.closed());
    send(run.samples().subList(0, 3));
    awaitReceived(run.runId(), 3);

    // run.closed travels on its own topic: until it is applied the run is unknown, and the answer is 404
    JsonPath summary =
        await()
            .atMost(PATIENCE)
            .until(() -> given().post("/runs/{runId}/export", run.runId()), r -> r.statusCode() == 200)
            .jsonPath();

    assertThat(summary.getString("status")).isEqualTo("EXPORTED");
    assertThat(summary.getBoolean("complete")).isFalse();
    assertThat(summary.getInt("counts.received")).isEqualTo(3);
    assertThat(summary.getInt("counts.exported")).isEqualTo(2);
    assertThat(summary.getInt("counts.validation")).isZero();
    assertThat(summary.getList("warnings", String.class)).anyMatch(w -> w.contains("not complete"));
    Path dir = Path.of(summary.getString("location"));
    assertThat(Files.readAllLines(dir.resolve("openai-chat.train.jsonl"))).hasSize(2);
    assertThat(dir.resolve("openai-chat.validation.jsonl")).doesNotExist();
    assertThat(summary.getList("files.name", String.class))
        .containsExactly("samples.jsonl", "openai-chat.train.jsonl", "alpaca.train.json");
    assertThat(progress(run.runId()).getString("status")).isEqualTo("EXPORTED");
    assertThat(awaitRecord(Topics.DATASET_EXPORTED, run.runId()).value()).contains(summary.getString("datasetId"));
  }

  @Test
  void exportingAgainGivesTheSameDatasetAndBytes() throws IOException {
    TestRun run = new TestRun(TestRun.config(0.5, false, ExportFormat.ALPACA));
    run.paper("Paper Kappa", ACCEPTED, ACCEPTED);
    run.paper("Paper Lambda", ACCEPTED);
    send(run.closed());
    send(run.samples());
    Path dir = Path.of(awaitExported(run.runId()).getString("location"));
    byte[] train = Files.readAllBytes(dir.resolve("alpaca.train.json"));
    byte[] manifest = Files.readAllBytes(dir.resolve("manifest.json"));
    String datasetId =
        given().get("/datasets/{runId}", run.runId()).then().extract().jsonPath().getString("datasetId");

    given().post("/runs/{runId}/export", run.runId()).then().statusCode(200).body("datasetId", equalTo(datasetId));

    assertThat(Files.readAllBytes(dir.resolve("alpaca.train.json"))).isEqualTo(train);
    assertThat(Files.readAllBytes(dir.resolve("manifest.json"))).isEqualTo(manifest);
  }

  @Test
  void aReExportWithMoreSamplesIsTheNextVersionInItsOwnFolder() throws IOException {
    TestRun run = new TestRun(TestRun.config(0.0, false, ExportFormat.OPENAI_CHAT));
    run.paper("Paper Nu", ACCEPTED, ACCEPTED, ACCEPTED);
    send(run.closed());
    send(run.samples().subList(0, 2));
    awaitReceived(run.runId(), 2);
    JsonPath first =
        await()
            .atMost(PATIENCE)
            .until(() -> given().post("/runs/{runId}/export", run.runId()), r -> r.statusCode() == 200)
            .jsonPath();
    Path v1 = Path.of(first.getString("location"));
    byte[] v1Manifest = Files.readAllBytes(v1.resolve("manifest.json"));

    send(run.samples().get(2));
    awaitReceived(run.runId(), 3);
    JsonPath second = given().post("/runs/{runId}/export", run.runId()).then().statusCode(200).extract().jsonPath();
    JsonPath third = given().post("/runs/{runId}/export", run.runId()).then().statusCode(200).extract().jsonPath();

    assertThat(first.getInt("version")).isEqualTo(1);
    assertThat(v1.getFileName().toString()).isEqualTo(run.runId());
    assertThat(second.getInt("version")).isEqualTo(2);
    Path v2 = Path.of(second.getString("location"));
    assertThat(v2.getFileName().toString()).isEqualTo(run.runId() + "-v2");
    assertThat(Files.readAllLines(v2.resolve("openai-chat.train.jsonl"))).hasSize(3);
    assertThat(Files.readAllBytes(v1.resolve("manifest.json"))).as("v1 is left as it was").isEqualTo(v1Manifest);
    assertThat(third.getInt("version")).as("the same content again is the same version").isEqualTo(2);
    assertThat(third.getString("datasetId")).isEqualTo(second.getString("datasetId"));
    assertThat(progress(run.runId()).getString("location")).isEqualTo(v2.toString());
  }

  @Test
  void answers404ForARunItHasNotHeardOf() {
    String runId = UUID.randomUUID().toString();
    given().post("/runs/{runId}/export", runId)
        .then()
        .statusCode(404)
        .body("status", equalTo(404))
        .body("error", containsString(runId));
    given().get("/datasets/{runId}", runId)
        .then()
        .statusCode(404)
        .body("error", containsString("no exported dataset"));
    given().get("/runs/{runId}/progress", runId)
        .then()
        .statusCode(200)
        .body("status", equalTo("COLLECTING"))
        .body("received", equalTo(0))
        .body("exported", equalTo(0));
  }
}
