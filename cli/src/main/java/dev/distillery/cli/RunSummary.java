package dev.distillery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.cli.client.RunView;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What a finished run produced, on stderr: counts, splits, and the files listed in the dataset's manifest. */
final class RunSummary {
  private final PrintWriter err;

  RunSummary(PrintWriter err) {
    this.err = err;
  }

  void print(RunView run, String runName, Path location, Duration took) {
    RunView.Counts counts = run.counts();
    err.printf("run %s (%s) exported in %s%n", run.runId(), runName, DurationConverter.format(
        Duration.ofSeconds(Math.max(1, took.toSeconds()))));
    err.printf("  %d papers, %d segments, %d prompts: %d samples generated (%d failed), %d accepted, %d rejected%n",
        counts.papers(), counts.segments(), counts.promptsPlanned(), counts.samplesGenerated(),
        counts.samplesFailed(), counts.accepted(), counts.rejected());
    err.printf("  dataset: %d train + %d validation examples in %s%n",
        run.dataset().trainExamples(), run.dataset().validationExamples(), location);
    for (JsonNode file : manifestFiles(location)) {
      err.printf("    %-32s %5d examples (%s)%n",
          file.path("name").asText(), file.path("examples").asLong(), file.path("split").asText());
    }
    if (counts.accepted() == 0) {
      err.println("  no sample was accepted: the dataset is empty; see the quality-service log for the reasons");
    }
    err.flush();
  }

  /** The manifest's file list; empty when the manifest cannot be read, since the summary is only a courtesy. */
  private Iterable<JsonNode> manifestFiles(Path location) {
    Path manifest = location.resolve("manifest.json");
    if (!Files.isRegularFile(manifest)) {
      return List.of();
    }
    try {
      return new ObjectMapper().readTree(manifest.toFile()).path("files");
    } catch (IOException e) {
      err.println("  could not read " + manifest + ": " + e.getMessage());
      return List.of();
    }
  }
}
