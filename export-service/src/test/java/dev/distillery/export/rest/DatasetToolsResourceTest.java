package dev.distillery.export.rest;

import static dev.distillery.contracts.Verdict.ACCEPTED;
import static dev.distillery.export.Pipeline.awaitExported;
import static dev.distillery.export.Pipeline.metric;
import static dev.distillery.export.Pipeline.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.distillery.contracts.ExportFormat;
import dev.distillery.export.TestRun;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class DatasetToolsResourceTest {

  private static TestRun exportedRun(String prefix) {
    TestRun run = new TestRun(TestRun.config(0.3, false, ExportFormat.OPENAI_CHAT));
    run.mixedPaper(prefix + " Faq", "gpt-4o-mini", 0.001);
    run.paper(prefix + " Alpha", ACCEPTED, ACCEPTED, ACCEPTED);
    run.paper(prefix + " Beta", ACCEPTED, ACCEPTED);
    send(run.closed());
    send(run.samples());
    awaitExported(run.runId());
    return run;
  }

  @Test
  void analyzeAndPreviewAnExportedRun() {
    TestRun run = exportedRun("Tools A");
    double before = metric("distillery_dataset_tools_total", "tool=\"analyze\"");

    JsonPath analysis = given().get("/datasets/{runId}/analyze", run.runId()).then().statusCode(200)
        .extract().jsonPath();
    assertThat(analysis.getInt("examples")).isEqualTo(7);
    assertThat(analysis.getInt("origins.EXTRACTED")).isEqualTo(1);
    assertThat(analysis.getInt("multiTurn")).isEqualTo(1);
    assertThat(analysis.getMap("sources")).containsKeys("tools-a-faq.md", "tools-a-alpha.md", "tools-a-beta.md");
    assertThat(analysis.getInt("tokens.count")).isEqualTo(7);
    assertThat(analysis.getDouble("tokens.max")).isPositive();
    assertThat(metric("distillery_dataset_tools_total", "tool=\"analyze\"")).isEqualTo(before + 1);

    List<String> previewSplits = given().queryParam("n", 3).get("/datasets/{runId}/preview", run.runId())
        .then().statusCode(200).extract().jsonPath().getList("split", String.class);
    assertThat(previewSplits).hasSize(3).containsOnly("train");
    given().queryParam("n", 5000).get("/datasets/{runId}/preview", run.runId())
        .then().statusCode(400).body("error", containsString("n must be between 0 and 1000"));
  }

  @Test
  void filterConvertAndMergeWriteNewDatasets() {
    TestRun first = exportedRun("Tools B");
    TestRun second = exportedRun("Tools C");

    JsonPath filtered = given().queryParam("origin", "extracted").queryParam("formats", "bedrock,alpaca")
        .post("/datasets/{runId}/filter", first.runId()).then().statusCode(200).extract().jsonPath();
    assertThat(filtered.getInt("counts.exported")).isEqualTo(1);
    assertThat(filtered.getInt("removed")).isEqualTo(6);
    assertThat(filtered.getList("files.format", String.class)).contains("BEDROCK_CLAUDE", "ALPACA");
    assertThat(filtered.getString("derivedFrom.operation")).isEqualTo("filter");
    assertThat(filtered.getList("warnings", String.class)).anyMatch(w -> w.contains("at least 32"));
    assertThat(Path.of(filtered.getString("location")).resolve("manifest.json")).isRegularFile();

    JsonPath converted = given().queryParam("formats", "vertex,hf")
        .post("/datasets/{runId}/convert", first.runId()).then().statusCode(200).extract().jsonPath();
    assertThat(converted.getList("files.name", String.class))
        .contains("vertex-gemini.train.jsonl", "huggingface/README.md", "huggingface/data/train.jsonl");

    JsonPath merged = given().queryParam("runId", first.runId(), second.runId()).queryParam("validationShare", 0.2)
        .post("/datasets/merge").then().statusCode(200).extract().jsonPath();
    assertThat(merged.getInt("counts.exported")).isEqualTo(14);
    assertThat(merged.getInt("counts.validation")).isPositive();
  }

  @Test
  void answersClearlyForAnUnknownRunOrBadParameters() {
    String unknown = UUID.randomUUID().toString();
    given().get("/datasets/{runId}/analyze", unknown)
        .then().statusCode(404).body("error", containsString("has no exported dataset"));
    TestRun run = exportedRun("Tools D");
    given().queryParam("taskType", "POEM").post("/datasets/{runId}/filter", run.runId())
        .then().statusCode(400).body("error", containsString("unknown task type 'POEM'"));
    given().queryParam("formats", "parquet").post("/datasets/{runId}/convert", run.runId())
        .then().statusCode(400).body("error", containsString("unknown format 'parquet'"));
    given().queryParam("runId", run.runId()).post("/datasets/merge")
        .then().statusCode(400).body("error", containsString("at least two datasets"));
  }
}
