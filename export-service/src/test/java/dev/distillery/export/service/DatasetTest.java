package dev.distillery.export.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.SourceStatus;
import dev.distillery.contracts.TaskType;
import dev.distillery.export.ExportRun;
import dev.distillery.export.PaperTally;
import dev.distillery.export.RunStatus;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Manifest;
import dev.distillery.export.dataset.Manifest.FileEntry;
import dev.distillery.export.dataset.Samples;
import dev.distillery.export.dataset.SplitOptions;
import dev.distillery.export.format.DatasetWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
  private static final String RUN = "00000000-0000-5000-8000-000000000001";
  private static final SplitOptions NO_VALIDATION = SplitOptions.paper(1, 0);

  @Test
  void ordersExamplesByPaperSegmentAndSampleWhateverTheArrivalOrder() {
    Dataset dataset = Dataset.assemble(run(false, List.of(), "p1", "p2"),
        List.of(tally("p1", 3, 3, 3), tally("p2", 1, 1, 1)),
        List.of(sample("s9", "p2", "g1"), sample("s2", "p1", "g2"), sample("s1", "p1", "g2"),
            sample("s5", "p1", "g1")), NO_VALIDATION);

    assertThat(dataset.train()).extracting(DatasetSample::sampleId).containsExactly("s5", "s1", "s2", "s9");
    assertThat(dataset.validation()).isEmpty();
  }

  @Test
  void leavesOutAcceptedSamplesWithoutAnOutputAndSaysWhichAndWhy() {
    DatasetSample empty = Samples.single("s2", "p1", "g", "Explain.", "  ");
    Dataset dataset = Dataset.assemble(
        run(false, List.of(), "p1"), List.of(tally("p1", 2, 2, 2)), List.of(sample("s1", "p1", "g"), empty),
        NO_VALIDATION);

    Manifest manifest = manifest(dataset);
    assertThat(manifest.counts().accepted()).isEqualTo(2);
    assertThat(manifest.counts().exported()).isEqualTo(1);
    assertThat(manifest.leftOut()).extracting(Manifest.LeftOut::sampleId, Manifest.LeftOut::format)
        .containsExactly(tuple("s2", "ALL"));
    assertThat(manifest.warnings()).anyMatch(w -> w.startsWith("1 accepted samples have an empty"));
  }

  @Test
  void knowsWhetherEveryPaperOfTheRunHasAllItsSamples() {
    List<DatasetSample> accepted = List.of(sample("s1", "p1", "g"));
    assertThat(Dataset.assemble(run(false, List.of(), "p1"), List.of(tally("p1", 1, 1, 1)), accepted, NO_VALIDATION)
        .complete()).isTrue();
    assertThat(Dataset.assemble(run(false, List.of(), "p1"), List.of(tally("p1", 2, 1, 1)), accepted, NO_VALIDATION)
        .complete()).isFalse();
    Dataset missingPaper = Dataset.assemble(run(false, List.of(), "p1", "p2"), List.of(tally("p1", 1, 1, 1)),
        accepted, NO_VALIDATION);
    assertThat(missingPaper.complete()).isFalse();
    assertThat(manifest(missingPaper).sources())
        .extracting(Manifest.Source::paperId, Manifest.Source::split)
        .containsExactly(tuple("p1", "train"), tuple("p2", "none"));
  }

  @Test
  void sourcesListEveryFileOfferedAndThePapersNoFileNamed() {
    List<SourceStatus> offered = List.of(
        new SourceStatus("a.pdf", true, null, "p1", "application/pdf", 10, 2, 0),
        new SourceStatus("b.exe", false, "not a document", null, "application/x-dosexec", 5, 0, 0));
    Dataset dataset = Dataset.assemble(run(false, offered, "p1", "p2"),
        List.of(tally("p1", 1, 1, 1), tally("p2", 1, 1, 1)),
        List.of(sample("s1", "p1", "g"), sample("s2", "p2", "g")), NO_VALIDATION);

    assertThat(manifest(dataset).sources())
        .extracting(Manifest.Source::file, Manifest.Source::status, Manifest.Source::samples)
        .containsExactly(tuple("a.pdf", "accepted", 1), tuple("b.exe", "rejected", 0), tuple("p2.md", "accepted", 1));
  }

  @Test
  void trainingAddsTheOpenAiChatFormatItReads() {
    Dataset dataset = Dataset.assemble(
        run(true, List.of(), "p1"), List.of(tally("p1", 1, 1, 1)), List.of(sample("s1", "p1", "g")), NO_VALIDATION);
    assertThat(dataset.formats()).containsExactly(ExportFormat.OPENAI_CHAT, ExportFormat.ALPACA);
    assertThat(dataset.requestsTraining()).isTrue();
  }

  @Test
  void theDatasetIdFollowsTheFilesContent() {
    Dataset dataset = Dataset.assemble(
        run(false, List.of(), "p1"), List.of(tally("p1", 1, 1, 1)), List.of(sample("s1", "p1", "g")), NO_VALIDATION);
    List<FileEntry> files = List.of(file("a".repeat(64)));

    assertThat(dataset.datasetId(files)).isEqualTo(dataset.datasetId(List.copyOf(files)));
    assertThat(dataset.datasetId(List.of(file("b".repeat(64))))).isNotEqualTo(dataset.datasetId(files));
  }

  private static Manifest manifest(Dataset dataset) {
    DatasetWriter.Written nothing = new DatasetWriter.Written(List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of());
    return dataset.manifest("d", 1, Instant.EPOCH, nothing, List.of());
  }

  private static FileEntry file(String sha256) {
    return new FileEntry("alpaca.train.json", "ALPACA", "train", 1, 10, 100, sha256);
  }

  private static ExportRun run(boolean training, List<SourceStatus> sources, String... paperIds) {
    RunConfig config = new RunConfig(List.of(TaskType.values()), 4, List.of(ExportFormat.ALPACA), 0, training);
    return new ExportRun(RUN, "test", config, List.of(paperIds), RunStatus.COMPLETE, null, null, sources, 0, null);
  }

  private static PaperTally tally(String paperId, int planned, int received, int accepted) {
    return new PaperTally(paperId, "Title " + paperId, paperId + ".md", planned, received, accepted, 0,
        received - accepted);
  }

  private static DatasetSample sample(String sampleId, String paperId, String segmentId) {
    return Samples.single(sampleId, paperId, segmentId, "Explain " + sampleId + ".", "Answer " + sampleId + ".");
  }
}
