package dev.distillery.export.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.ExportedFile;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.TaskType;
import dev.distillery.export.ExportRun;
import dev.distillery.export.ExportSample;
import dev.distillery.export.Manifest;
import dev.distillery.export.PaperTally;
import dev.distillery.export.RunStatus;
import dev.distillery.export.Split;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
  private static final String RUN = "00000000-0000-5000-8000-000000000001";

  @Test
  void ordersExamplesByPaperSegmentAndSampleWhateverTheArrivalOrder() {
    Dataset dataset =
        Dataset.assemble(run(0.0, false, "p1", "p2"), List.of(tally("p1", 2, 2, 2), tally("p2", 1, 1, 1)),
            List.of(sample("s9", "p2", "g1"), sample("s2", "p1", "g2"), sample("s1", "p1", "g2"),
                sample("s5", "p1", "g1")));

    assertThat(dataset.train()).extracting(ExportSample::sampleId).containsExactly("s5", "s1", "s2", "s9");
    assertThat(dataset.validation()).isEmpty();
    assertThat(dataset.splitsToWrite()).containsExactly(Split.TRAIN);
  }

  @Test
  void leavesOutAcceptedSamplesWithoutAnOutputAndSaysSo() {
    ExportSample empty = new ExportSample("s2", "p1", "g", "Explain.", null, "  ");
    Dataset dataset =
        Dataset.assemble(
            run(0.0, false, "p1"), List.of(tally("p1", 2, 2, 2)), List.of(sample("s1", "p1", "g"), empty));

    Manifest manifest = dataset.manifest("d", Instant.EPOCH, List.of());
    assertThat(manifest.counts().accepted()).isEqualTo(2);
    assertThat(manifest.counts().exported()).isEqualTo(1);
    assertThat(manifest.warnings()).anyMatch(w -> w.startsWith("1 accepted samples have an empty"));
  }

  @Test
  void knowsWhetherEveryPaperOfTheRunHasAllItsSamples() {
    List<ExportSample> accepted = List.of(sample("s1", "p1", "g"));
    assertThat(Dataset.assemble(run(0.0, false, "p1"), List.of(tally("p1", 1, 1, 1)), accepted).complete()).isTrue();
    assertThat(Dataset.assemble(run(0.0, false, "p1"), List.of(tally("p1", 2, 1, 1)), accepted).complete()).isFalse();
    Dataset missingPaper = Dataset.assemble(run(0.0, false, "p1", "p2"), List.of(tally("p1", 1, 1, 1)), accepted);
    assertThat(missingPaper.complete()).isFalse();
    assertThat(missingPaper.manifest("d", Instant.EPOCH, List.of()).sources())
        .extracting(Manifest.Source::paperId, Manifest.Source::split)
        .containsExactly(tuple("p1", "train"), tuple("p2", "none"));
  }

  @Test
  void trainingAddsTheOpenAiChatFormatItReads() {
    Dataset dataset =
        Dataset.assemble(run(0.0, true, "p1"), List.of(tally("p1", 1, 1, 1)), List.of(sample("s1", "p1", "g")));
    assertThat(dataset.formats()).containsExactly(ExportFormat.OPENAI_CHAT, ExportFormat.ALPACA);
    assertThat(dataset.requestsTraining()).isTrue();
  }

  @Test
  void theDatasetIdFollowsTheFilesContent() {
    Dataset dataset =
        Dataset.assemble(run(0.0, false, "p1"), List.of(tally("p1", 1, 1, 1)), List.of(sample("s1", "p1", "g")));
    List<ExportedFile> files = List.of(alpacaTrain("a".repeat(64)));
    List<ExportedFile> changed = List.of(alpacaTrain("b".repeat(64)));

    assertThat(dataset.datasetId(files)).isEqualTo(dataset.datasetId(List.copyOf(files)));
    assertThat(dataset.datasetId(changed)).isNotEqualTo(dataset.datasetId(files));
  }

  @Test
  void warnsWhenOpenAiWouldRefuseTooFewExamples() {
    Dataset dataset =
        Dataset.assemble(run(0.0, false, "p1"), List.of(tally("p1", 1, 1, 1)), List.of(sample("s1", "p1", "g")));
    List<ExportedFile> files =
        List.of(new ExportedFile("openai-chat.train.jsonl", ExportFormat.OPENAI_CHAT, "train", 1, "a".repeat(64)));
    assertThat(dataset.manifest("d", Instant.EPOCH, files).warnings())
        .anyMatch(w -> w.contains("OpenAI fine-tuning needs at least 10"))
        .anyMatch(w -> w.contains("validationShare is 0"));
  }

  private static ExportedFile alpacaTrain(String sha256) {
    return new ExportedFile("alpaca.train.json", ExportFormat.ALPACA, "train", 1, sha256);
  }

  private static ExportRun run(double share, boolean training, String... paperIds) {
    RunConfig config = new RunConfig(List.of(TaskType.values()), 4, List.of(ExportFormat.ALPACA), share, training);
    return new ExportRun(RUN, "test", config, List.of(paperIds), RunStatus.COMPLETE, null, null);
  }

  private static PaperTally tally(String paperId, int planned, int received, int accepted) {
    return new PaperTally(paperId, "Title " + paperId, paperId + ".md", planned, received, accepted, 0,
        received - accepted);
  }

  private static ExportSample sample(String sampleId, String paperId, String segmentId) {
    return new ExportSample(
        sampleId, paperId, segmentId, "Explain " + sampleId + ".", "", "Answer " + sampleId + ".");
  }
}
