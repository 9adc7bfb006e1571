package dev.distillery.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.SourceStatus;
import dev.distillery.ingest.Run;
import dev.distillery.ingest.RunStatus;
import dev.distillery.ingest.client.ExportProgress;
import dev.distillery.ingest.client.GenerationProgress;
import dev.distillery.ingest.client.QualityProgress;
import dev.distillery.ingest.repository.PaperRepository.Counts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunDetailsTest {
  private final Run closed =
      new Run(UUID.randomUUID(), "r", RunStatus.CLOSED, RunConfig.defaults(), Instant.now(), Instant.now());

  @Test
  void anExportedRunShowsItsDataset() {
    RunDetails details = RunDetails.of(
        closed, new Counts(2, 9), Optional.of(new GenerationProgress(36, 35, 1)),
        Optional.of(new QualityProgress(30, 5, 1)),
        Optional.of(new ExportProgress("EXPORTED", 36, 30, 27, 3, "/data/datasets/r")),
        List.of(new SourceStatus("a.pdf", true, null, "p1", "application/pdf", 900, 3, 1),
            new SourceStatus("b.png", false, "not a document: image/png", null, null, 20, 0, 0)));

    assertThat(details.status()).isEqualTo("EXPORTED");
    assertThat(details.dataset()).isEqualTo(new RunDetails.Dataset("/data/datasets/r", 27, 3));
    assertThat(details.exported()).isEqualTo(30L);
    assertThat(details.stages()).isEqualTo(new RunDetails.Stages("ok", "ok", "ok"));
    assertThat(details.sources()).containsExactly(
        new RunDetails.Source("a.pdf", "accepted", null, "p1", "application/pdf", 900, 3, 1),
        new RunDetails.Source("b.png", "rejected", "not a document: image/png", null, null, 20, 0, 0));
  }

  @Test
  void aStageThatDidNotAnswerHasNoCountsAndTheRunKeepsItsOwnStatus() {
    RunDetails details = RunDetails.of(
        closed, new Counts(2, 9), Optional.empty(), Optional.of(new QualityProgress(3, 0, 0)),
        Optional.of(new ExportProgress("COLLECTING", 3, 0, 0, 0, null)), List.of());

    assertThat(details.status()).isEqualTo("CLOSED");
    assertThat(details.dataset()).isNull();
    assertThat(details.promptsPlanned()).isNull();
    assertThat(details.samplesGenerated()).isNull();
    assertThat(details.accepted()).isEqualTo(3L);
    assertThat(details.stages()).isEqualTo(new RunDetails.Stages("unavailable", "ok", "ok"));
  }
}
