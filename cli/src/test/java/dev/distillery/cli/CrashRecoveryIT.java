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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resilience promise: kill -9 any service in the middle of a run, start it again, and the dataset comes out
 * as if nothing had happened — nothing lost, nothing twice. One stack runs the sample papers twice: run A
 * undisturbed, then run B, during which the generation-, quality- and export-service are each killed with
 * SIGKILL and restarted. The offline generator is deterministic, so B's examples must be A's, one for one (only
 * the ids, which derive from the run id, differ).
 *
 * <p>Each kill is timed by what the run shows, never by the clock, and the last paper is held back until all three
 * services are down, so that every kill lands mid-run on any machine: the generation-service as soon as the first
 * paper's samples are being generated, the quality-service once samples generated after that restart flow through
 * it, and the export-service while the quality-service is down. Only then do the last paper and the close arrive.
 */
class CrashRecoveryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path HOME = Path.of(System.getProperty("distillery.home")).toAbsolutePath().normalize();
  private static final Path SAMPLES = HOME.resolve("samples/papers");
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

  private static LocalStack stack;
  private static IngestClient ingest;
  private static Exported undisturbed;
  private static Exported crashed;
  /** What GET /runs/{id} said about run B just before each kill, by service killed. */
  private static final Map<String, RunView> beforeKill = new LinkedHashMap<>();

  private record Exported(RunView run, Path dataset, JsonNode manifest) {}

  @BeforeAll
  static void runTheSamplesOnceUndisturbedAndOnceWithCrashes() throws IOException {
    Path target = HOME.resolve("cli/target");
    stack = LocalStack.start(
        new StackSettings(HOME, target.resolve("it-work/crash"), target.resolve("it-datasets"),
            StackSettings.DEFAULT_START_TIMEOUT, Map.of("GENERATION_GENERATOR", "offline")),
        line -> System.err.println("[stack] " + line));
    ingest = new IngestClient(stack.ingestUrl());

    undisturbed = exported(awaitExport(startRun("undisturbed")));

    List<Path> papers = PaperFolder.papers(SAMPLES);
    assertThat(papers).as("papers in %s: a first, a middle and a last batch", SAMPLES).hasSizeGreaterThanOrEqualTo(3);
    String runId = ingest.createRun("crashed-" + System.currentTimeMillis(), RunConfig.defaults());
    addPapers(runId, papers.subList(0, 1));
    RunView generating = awaitProgress(runId, "generated", CrashRecoveryIT::generated, 1);
    kill("generation-service", generating);
    addPapers(runId, papers.subList(1, papers.size() - 1));
    stack.restart("generation-service");
    long generatedSoFar = generated(awaitProgress(runId, "generated", CrashRecoveryIT::generated, 1).counts());
    kill("quality-service", awaitProgress(runId, "validated", CrashRecoveryIT::validated, generatedSoFar + 1));
    kill("export-service", ingest.run(runId));
    addPapers(runId, papers.subList(papers.size() - 1, papers.size()));
    ingest.closeRun(runId);
    stack.restart("quality-service");
    stack.restart("export-service");
    crashed = exported(awaitExport(runId));
  }

  @AfterAll
  static void stopTheStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyKillHitTheRunBeforeItsExport() {
    long planned = undisturbed.run().counts().promptsPlanned();
    RunView generation = beforeKill.get("generation-service");
    RunView quality = beforeKill.get("quality-service");
    RunView export = beforeKill.get("export-service");

    assertThat(beforeKill).containsOnlyKeys("generation-service", "quality-service", "export-service");
    assertThat(beforeKill.values()).noneMatch(RunView::exported);
    assertThat(generated(generation.counts())).as("samples generated when generation-service was killed")
        .isPositive().isLessThan(planned);
    assertThat(validated(quality.counts())).as("samples validated when quality-service was killed")
        .isGreaterThan(generated(generation.counts())).isLessThan(planned);
    assertThat(export.unavailableStages()).as("stages down when export-service was killed").contains("quality");
  }

  @Test
  void theCrashedRunCountsWhatTheUndisturbedRunCounts() {
    RunView.Counts a = undisturbed.run().counts();
    RunView.Counts b = crashed.run().counts();

    assertThat(crashed.run().status()).isEqualTo(RunView.EXPORTED);
    assertThat(a.papers()).isEqualTo(PaperFolder.papers(SAMPLES).size());
    assertThat(a.accepted()).isPositive();
    assertThat(b).isEqualTo(a);
    assertThat(b.exported()).isEqualTo(b.accepted());
    assertThat(crashed.run().dataset().trainExamples() + crashed.run().dataset().validationExamples())
        .isEqualTo(b.exported());
  }

  @Test
  void theCrashedRunExportsExactlyTheUndisturbedRunsExamples() throws IOException {
    assertThat(alpacaExamples(crashed)).containsExactlyInAnyOrderElementsOf(alpacaExamples(undisturbed));
    assertThat(chatExamples(crashed)).containsExactlyInAnyOrderElementsOf(chatExamples(undisturbed));
  }

  @Test
  void noExampleIsExportedTwice() throws IOException {
    long accepted = crashed.run().counts().accepted();

    assertThat(alpacaExamples(crashed)).hasSize((int) accepted).doesNotHaveDuplicates();
    assertThat(chatExamples(crashed)).hasSize((int) accepted).doesNotHaveDuplicates();
  }

  @Test
  void eachManifestGivesTheSha256OfEveryFile() throws IOException {
    for (Exported run : List.of(undisturbed, crashed)) {
      for (JsonNode file : run.manifest().get("files")) {
        Path path = run.dataset().resolve(file.get("name").asText());
        assertThat(file.get("sha256").asText()).as(path.toString()).isEqualTo(Ids.sha256(Files.readAllBytes(path)));
      }
    }
  }

  private static String startRun(String label) {
    String runId = ingest.createRun(label + "-" + System.currentTimeMillis(), RunConfig.defaults());
    addPapers(runId, PaperFolder.papers(SAMPLES));
    ingest.closeRun(runId);
    return runId;
  }

  private static void addPapers(String runId, List<Path> papers) {
    papers.forEach(paper -> ingest.addPaper(runId, paper));
  }

  /** Waits until a stage of the run has reached a count, with every stage answering; the run as it was then. */
  private static RunView awaitProgress(
      String runId, String stage, ToLongFunction<RunView.Counts> progress, long atLeast) {
    return await("run " + runId + " with " + atLeast + " samples " + stage)
        .atMost(RUN_TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> ingest.run(runId),
            run -> run.unavailableStages().isEmpty() && progress.applyAsLong(run.counts()) >= atLeast);
  }

  private static void kill(String service, RunView before) {
    System.err.printf("[test] killing %s; run %s: %s, stages down %s%n", service, before.status(), before.counts(),
        before.unavailableStages());
    beforeKill.put(service, before);
    stack.crash(service);
  }

  private static RunView awaitExport(String runId) {
    return await("export of run " + runId)
        .atMost(RUN_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> ingest.run(runId), RunView::exported);
  }

  private static Exported exported(RunView run) throws IOException {
    Path dataset = stack.dataDir().resolve(run.dataset().location());
    return new Exported(run, dataset, JSON.readTree(dataset.resolve("manifest.json").toFile()));
  }

  private static long generated(RunView.Counts counts) {
    return counts.samplesGenerated() + counts.samplesFailed();
  }

  private static long validated(RunView.Counts counts) {
    return counts.accepted() + counts.rejected() + counts.failed();
  }

  /** (instruction, input, output) of every Alpaca example, train and validation together. */
  private static List<List<String>> alpacaExamples(Exported run) throws IOException {
    List<List<String>> examples = new ArrayList<>();
    for (Path file : filesOf(run, "ALPACA")) {
      for (JsonNode entry : JSON.readTree(file.toFile())) {
        examples.add(List.of(
            entry.path("instruction").asText(), entry.path("input").asText(), entry.path("output").asText()));
      }
    }
    return examples;
  }

  /** The messages, role and content, of every OpenAI chat example, train and validation together. */
  private static List<JsonNode> chatExamples(Exported run) throws IOException {
    List<JsonNode> examples = new ArrayList<>();
    for (Path file : filesOf(run, "OPENAI_CHAT")) {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          examples.add(JSON.readTree(line).get("messages"));
        }
      }
    }
    return examples;
  }

  private static List<Path> filesOf(Exported run, String format) {
    List<Path> files = new ArrayList<>();
    for (JsonNode file : run.manifest().get("files")) {
      if (format.equals(file.path("format").asText())) {
        files.add(run.dataset().resolve(file.get("name").asText()));
      }
    }
    assertThat(files).as("%s files in the manifest of %s", format, run.dataset()).isNotEmpty();
    return files;
  }
}
