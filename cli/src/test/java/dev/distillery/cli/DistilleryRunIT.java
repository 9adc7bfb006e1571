package dev.distillery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.cli.client.IngestClient;
import dev.distillery.cli.client.RunView;
import dev.distillery.cli.stack.LocalStack;
import dev.distillery.cli.stack.StackSettings;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole product on one machine: the five packaged services as separate processes, one Kafka broker, one
 * PostgreSQL, started by the same {@link LocalStack} the CLI uses, turning {@code samples/papers/} into a
 * dataset. Each test checks one thing a user of the dataset relies on.
 */
class DistilleryRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path HOME = Path.of(System.getProperty("distillery.home")).toAbsolutePath().normalize();
  private static final Path SAMPLES = HOME.resolve("samples/papers");

  private static LocalStack stack;
  private static RunView run;
  private static Path dataset;
  private static JsonNode manifest;

  @BeforeAll
  static void turnTheSamplesIntoADataset() throws IOException {
    Path target = HOME.resolve("cli/target");
    stack = LocalStack.start(
        new StackSettings(HOME, target.resolve("it-work/stack"), target.resolve("it-datasets"),
            StackSettings.DEFAULT_START_TIMEOUT, Map.of("GENERATION_GENERATOR", "offline")),
        line -> System.err.println("[stack] " + line));
    IngestClient ingest = new IngestClient(stack.ingestUrl());
    String runId = ingest.createRun("samples-" + System.currentTimeMillis(), RunConfig.defaults());
    for (Path paper : PaperFolder.papers(SAMPLES)) {
      ingest.addPaper(runId, paper);
    }
    ingest.closeRun(runId);
    run = await("export of run " + runId)
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> ingest.run(runId), RunView::exported);
    dataset = Path.of(run.dataset().location());
    manifest = JSON.readTree(dataset.resolve("manifest.json").toFile());
  }

  @AfterAll
  static void stopTheStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyOpenAiChatLineHasAUserAndAnAssistantMessage() throws IOException {
    List<String> lines = linesOf("OPENAI_CHAT");

    assertThat(lines).hasSizeGreaterThanOrEqualTo(10);
    for (String line : lines) {
      List<String> roles = new ArrayList<>();
      for (JsonNode message : JSON.readTree(line).get("messages")) {
        assertThat(message.path("content").asText()).as("content of a %s message", message.path("role")).isNotBlank();
        roles.add(message.path("role").asText());
      }
      assertThat(roles).as(line).contains("user", "assistant");
    }
  }

  @Test
  void alpacaFilesAreArraysOfInstructionAndOutput() throws IOException {
    List<JsonNode> entries = alpacaEntries();

    assertThat(entries).hasSizeGreaterThanOrEqualTo(10);
    assertThat(entries).allSatisfy(entry -> {
      assertThat(entry.path("instruction").asText()).isNotBlank();
      assertThat(entry.path("output").asText()).isNotBlank();
      assertThat(entry.has("input")).isTrue();
    });
  }

  @Test
  void theManifestListsEveryFileWithItsSha256() throws IOException {
    List<String> listed = new ArrayList<>();
    for (JsonNode file : manifest.get("files")) {
      Path path = dataset.resolve(file.get("name").asText());
      assertThat(path).isRegularFile();
      assertThat(file.get("sha256").asText()).as(path.toString()).isEqualTo(Ids.sha256(Files.readAllBytes(path)));
      listed.add(file.get("name").asText());
    }

    assertThat(listed).isNotEmpty();
    try (var files = Files.list(dataset)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(name -> !name.equals("manifest.json")))
          .containsExactlyInAnyOrderElementsOf(listed);
    }
  }

  @Test
  void theRunsCountsMatchTheFiles() throws IOException {
    RunView.Counts counts = run.counts();

    assertThat(counts.papers()).isEqualTo(PaperFolder.papers(SAMPLES).size());
    assertThat(counts.accepted()).isPositive();
    assertThat(counts.exported()).isEqualTo(counts.accepted());
    assertThat(linesOf("OPENAI_CHAT")).hasSize((int) counts.accepted());
    assertThat(alpacaEntries()).hasSize((int) counts.accepted());
    assertThat(run.dataset().trainExamples() + run.dataset().validationExamples()).isEqualTo(counts.exported());
  }

  @Test
  void theDatasetBelongsToTheRunAndLivesInTheDataDir() {
    assertThat(dataset).isAbsolute().startsWith(stack.dataDir());
    assertThat(manifest.path("runId").asText()).isEqualTo(run.runId());
    assertThat(dataset.getFileName().toString()).isEqualTo(run.runId());
  }

  private static List<String> linesOf(String format) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path file : filesOf(format)) {
      Files.readAllLines(file).stream().filter(line -> !line.isBlank()).forEach(lines::add);
    }
    return lines;
  }

  private static List<JsonNode> alpacaEntries() throws IOException {
    List<JsonNode> entries = new ArrayList<>();
    for (Path file : filesOf("ALPACA")) {
      JsonNode array = JSON.readTree(file.toFile());
      assertThat(array.isArray()).as(file + " is a JSON array").isTrue();
      array.forEach(entries::add);
    }
    return entries;
  }

  private static List<Path> filesOf(String format) {
    List<Path> files = new ArrayList<>();
    for (JsonNode file : manifest.get("files")) {
      if (format.equals(file.path("format").asText())) {
        files.add(dataset.resolve(file.get("name").asText()));
      }
    }
    assertThat(files).as("%s files in the manifest of %s", format, dataset).isNotEmpty();
    return files;
  }
}
