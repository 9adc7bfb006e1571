package dev.distillery.export.messaging;

import static dev.distillery.contracts.Verdict.ACCEPTED;
import static dev.distillery.contracts.Verdict.FAILED;
import static dev.distillery.contracts.Verdict.REJECTED;
import static dev.distillery.export.Pipeline.awaitExported;
import static dev.distillery.export.Pipeline.awaitReceived;
import static dev.distillery.export.Pipeline.awaitRecord;
import static dev.distillery.export.Pipeline.metric;
import static dev.distillery.export.Pipeline.progress;
import static dev.distillery.export.Pipeline.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.contracts.CloudEventHeaders;
import dev.distillery.contracts.DatasetExported;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.SampleValidated;
import dev.distillery.contracts.Topics;
import dev.distillery.contracts.TrainingRequested;
import dev.distillery.export.Pipeline;
import dev.distillery.export.TestRun;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class RunExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesTheDatasetWhenTheLastSampleArrivesAndNotBefore() throws IOException {
    TestRun run = new TestRun(TestRun.config(0.3, false, ExportFormat.OPENAI_CHAT, ExportFormat.ALPACA));
    run.paper("Paper Alpha", ACCEPTED, ACCEPTED, REJECTED, ACCEPTED);
    run.paper("Paper Beta", ACCEPTED, FAILED, ACCEPTED);
    run.paper("Paper Gamma", ACCEPTED, ACCEPTED, ACCEPTED);
    List<SampleValidated> samples = run.samples();
    double datasetsBefore = metric("distillery_datasets_exported_total", "trigger=\"completed\"");

    send(run.closed());
    send(samples.subList(0, samples.size() - 1));
    awaitReceived(run.runId(), samples.size() - 1);
    assertThat(progress(run.runId()).getString("status")).isEqualTo("COLLECTING");
    given().get("/datasets/{runId}", run.runId()).then().statusCode(404);
    assertThat(Pipeline.dataDir().resolve(run.runId())).doesNotExist();

    send(samples.get(samples.size() - 1));
    JsonPath progress = awaitExported(run.runId());
    Path dir = Path.of(progress.getString("location"));

    List<JsonNode> chatTrain = jsonLines(dir.resolve("openai-chat.train.jsonl"));
    List<JsonNode> chatValidation = jsonLines(dir.resolve("openai-chat.validation.jsonl"));
    for (JsonNode line : concat(chatTrain, chatValidation)) {
      assertThat(fieldNames(line)).containsExactly("messages");
      JsonNode messages = line.get("messages");
      assertThat(messages).hasSize(2);
      assertThat(messages.get(0).get("role").asText()).isEqualTo("user");
      assertThat(messages.get(1).get("role").asText()).isEqualTo("assistant");
      messages.forEach(m -> assertThat(fieldNames(m)).containsExactly("role", "content"));
      assertThat(messages.get(1).get("content").asText()).startsWith("accepted answer");
    }
    JsonNode alpacaTrain = JSON.readTree(dir.resolve("alpaca.train.json").toFile());
    JsonNode alpacaValidation = JSON.readTree(dir.resolve("alpaca.validation.json").toFile());
    assertThat(alpacaTrain.isArray()).isTrue();
    assertThat(alpacaTrain).hasSize(chatTrain.size());
    assertThat(alpacaValidation).hasSize(chatValidation.size());
    alpacaTrain.forEach(e -> assertThat(fieldNames(e)).containsExactly("instruction", "input", "output"));

    int accepted = run.samples(ACCEPTED).size();
    assertThat(chatTrain.size() + chatValidation.size()).isEqualTo(accepted);
    assertThat(chatValidation).isNotEmpty();
    assertThat(papers(chatTrain)).doesNotContainAnyElementsOf(papers(chatValidation));

    JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
    assertThat(manifest.get("complete").asBoolean()).isTrue();
    JsonNode counts = manifest.get("counts");
    assertThat(counts.get("received").asInt()).isEqualTo(samples.size());
    assertThat(counts.get("accepted").asInt()).isEqualTo(accepted);
    assertThat(counts.get("rejected").asInt()).isEqualTo(1);
    assertThat(counts.get("failed").asInt()).isEqualTo(1);
    assertThat(counts.get("exported").asInt()).isEqualTo(accepted);
    assertThat(counts.get("train").asInt()).isEqualTo(chatTrain.size());
    assertThat(counts.get("validation").asInt()).isEqualTo(chatValidation.size());
    for (JsonNode file : manifest.get("files")) {
      byte[] bytes = Files.readAllBytes(dir.resolve(file.get("name").asText()));
      assertThat(file.get("sha256").asText()).isEqualTo(Ids.sha256(bytes));
    }
    assertThat(manifest.get("sources")).hasSize(3);
    assertThat(progress.getInt("received")).isEqualTo(samples.size());
    assertThat(progress.getInt("exported")).isEqualTo(accepted);
    assertThat(progress.getInt("trainExamples")).isEqualTo(chatTrain.size());
    assertThat(progress.getInt("validationExamples")).isEqualTo(chatValidation.size());

    ConsumerRecord<String, String> record = awaitRecord(Topics.DATASET_EXPORTED, run.runId());
    DatasetExported exported = EventRecords.codec().read(EventType.DATASET_EXPORTED, record.value());
    assertThat(exported.datasetId()).isEqualTo(manifest.get("datasetId").asText());
    assertThat(exported.location()).isEqualTo(dir.toString());
    assertThat(exported.files()).hasSize(4);
    assertThat(EventRecords.header(record, CloudEventHeaders.ID)).isEqualTo(exported.eventId());
    assertThat(EventRecords.header(record, CloudEventHeaders.TYPE)).isEqualTo("dev.distillery.dataset.exported.v1");
    assertThat(EventRecords.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/distillery/export-service");
    assertThat(EventRecords.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");

    String served = given().get("/datasets/{runId}", run.runId()).then().statusCode(200).extract().asString();
    assertThat(JSON.readTree(served)).isEqualTo(manifest);
    // counted once the events are sent, a moment after the status the test waited on
    await().atMost(Pipeline.PATIENCE)
        .until(() -> metric("distillery_datasets_exported_total", "trigger=\"completed\"") > datasetsBefore);
    assertThat(metric("distillery_samples_exported_total", "split=\"validation\"")).isPositive();
  }

  @Test
  void completesWhenSamplesArriveBeforeRunClosedAndRequestsTraining() throws IOException {
    TestRun run = new TestRun(TestRun.config(0.5, true, ExportFormat.ALPACA));
    run.paper("Paper Delta", ACCEPTED, ACCEPTED);
    run.paper("Paper Epsilon", ACCEPTED, REJECTED);

    send(run.samples());
    awaitReceived(run.runId(), run.samples().size());
    assertThat(progress(run.runId()).getString("status")).isEqualTo("COLLECTING");

    send(run.closed());
    Path dir = Path.of(awaitExported(run.runId()).getString("location"));

    ConsumerRecord<String, String> record = awaitRecord(Topics.TRAINING_REQUESTED, run.runId());
    TrainingRequested training = EventRecords.codec().read(EventType.TRAINING_REQUESTED, record.value());
    assertThat(Path.of(training.trainFile())).isEqualTo(dir.resolve("openai-chat.train.jsonl")).exists();
    assertThat(Path.of(training.validationFile())).isEqualTo(dir.resolve("openai-chat.validation.jsonl")).exists();
    assertThat(training.trainExamples()).isEqualTo(jsonLines(Path.of(training.trainFile())).size());
    assertThat(dir.resolve("alpaca.train.json")).exists();
    assertThat(EventRecords.header(record, CloudEventHeaders.TYPE)).isEqualTo("dev.distillery.training.requested.v1");
  }

  @Test
  void aReplayedSampleChangesNothing() throws IOException {
    TestRun run = new TestRun(TestRun.config(0.0, false, ExportFormat.OPENAI_CHAT));
    run.paper("Paper Zeta", ACCEPTED, REJECTED, ACCEPTED);
    send(run.closed());
    send(run.samples());
    JsonPath before = awaitExported(run.runId());
    Path dir = Path.of(before.getString("location"));
    Map<String, byte[]> filesBefore = files(dir);
    assertThat(filesBefore.keySet())
        .containsExactlyInAnyOrder("openai-chat.train.jsonl", "samples.jsonl", "manifest.json");
    double duplicates = duplicateSamples();

    send(run.samples().get(0));
    await().atMost(Pipeline.PATIENCE).until(() -> duplicateSamples() > duplicates);

    assertThat(progress(run.runId()).getMap("$")).isEqualTo(before.getMap("$"));
    Map<String, byte[]> filesAfter = files(dir);
    assertThat(filesAfter.keySet()).isEqualTo(filesBefore.keySet());
    filesBefore.forEach((name, bytes) -> assertThat(filesAfter.get(name)).as(name).isEqualTo(bytes));
  }

  private static double duplicateSamples() {
    return metric("distillery_events_consumed_total", "outcome=\"duplicate\"", "topic=\"sample.validated\"");
  }

  private static List<JsonNode> jsonLines(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n").doesNotStartWith("[");
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static Set<String> papers(List<JsonNode> chatLines) {
    Set<String> papers = new HashSet<>();
    for (JsonNode line : chatLines) {
      String user = line.get("messages").get(0).get("content").asText();
      papers.add(user.replaceAll("(?s)^Explain point \\d+ of (Paper \\w+)\\..*$", "$1"));
    }
    return papers;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  private static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.toList()) {
        files.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }
}
