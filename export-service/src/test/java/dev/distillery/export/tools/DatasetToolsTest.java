package dev.distillery.export.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.SampleOrigin;
import dev.distillery.contracts.TaskType;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Json;
import dev.distillery.export.dataset.Manifest;
import dev.distillery.export.dataset.Samples;
import dev.distillery.export.dataset.Split;
import dev.distillery.export.dataset.SplitOptions;
import dev.distillery.export.dataset.Splitter;
import dev.distillery.export.format.DatasetFolder;
import dev.distillery.export.format.DatasetWriter;
import dev.distillery.export.format.HuggingFaceFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetToolsTest {
  @TempDir Path tmp;

  @Test
  void roundTripReadingAnExportBackGivesTheSameSamplesInTheSameSplits() throws IOException {
    List<DatasetSample> corpus = Samples.corpus(5, 12);
    Map<Split, List<DatasetSample>> splits = Splitter.split(corpus, new SplitOptions(null, 9, 0.2, 0.2));

    DatasetFolder read = DatasetFolder.read(exported(tmp.resolve("a"), splits));

    assertThat(read.splits()).isEqualTo(splits);
    assertThat(read.manifest().datasetId()).isEqualTo("d-a");
  }

  @Test
  void analyzeCountsMixesAndDistributions() throws IOException {
    List<DatasetSample> corpus = Samples.corpus(3, 14);
    DatasetFolder folder = DatasetFolder.read(
        exported(tmp.resolve("a"), Splitter.split(corpus, SplitOptions.paper(1, 0.3))));

    Analysis analysis = DatasetTools.analyze(folder);

    assertThat(analysis.examples()).isEqualTo(42);
    assertThat(analysis.splits().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(42);
    assertThat(analysis.sources()).containsOnlyKeys("p000.pdf", "p001.pdf", "p002.pdf");
    assertThat(analysis.origins()).containsEntry("EXTRACTED", 12).containsEntry("GENERATED", 30);
    assertThat(analysis.taskTypes()).containsEntry("MULTI_TURN", 6).containsEntry("QA", 36);
    assertThat(analysis.multiTurn()).isEqualTo(6);
    assertThat(analysis.tokens().count()).isEqualTo(42);
    assertThat(analysis.tokens().min()).isPositive().isLessThanOrEqualTo(analysis.tokens().median());
    assertThat(analysis.tokens().max()).isGreaterThanOrEqualTo(analysis.tokens().p90());
    assertThat(analysis.tokens().histogram().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(42);
    assertThat(analysis.scores().max()).isEqualTo(1.0);
  }

  @Test
  void previewShowsTheFirstExamplesOfASplit() throws IOException {
    Map<Split, List<DatasetSample>> splits = Splitter.split(Samples.corpus(4, 5), SplitOptions.paper(1, 0.25));
    DatasetFolder folder = DatasetFolder.read(exported(tmp.resolve("a"), splits));

    assertThat(DatasetTools.preview(folder, 3, null)).extracting(p -> p.sample())
        .containsExactlyElementsOf(splits.get(Split.TRAIN).subList(0, 3));
    assertThat(DatasetTools.preview(folder, 100, Split.VALIDATION)).hasSize(splits.get(Split.VALIDATION).size())
        .allMatch(p -> p.split().equals("validation"));
  }

  @Test
  void filterKeepsWhatMatchesEveryBoundInItsSplitAndSaysWhatItDid() throws IOException {
    Map<Split, List<DatasetSample>> splits = Splitter.split(Samples.corpus(4, 14), SplitOptions.paper(1, 0.25));
    DatasetFolder folder = DatasetFolder.read(exported(tmp.resolve("a"), splits));
    SampleFilter generatedQa = new SampleFilter(0.5, null, null, 200, null, null, Set.of(TaskType.QA),
        Set.of("p000.pdf", "p001.pdf", "p002.pdf"), Set.of(SampleOrigin.GENERATED));

    DatasetTools.Derived derived = DatasetTools.filter(folder, generatedQa, null, tmp.resolve("out"));

    DatasetFolder out = DatasetFolder.read(derived.location());
    assertThat(out.samples()).isNotEmpty().allSatisfy(s -> {
      assertThat(s.origin()).isEqualTo(SampleOrigin.GENERATED);
      assertThat(s.taskType()).isEqualTo(TaskType.QA);
      assertThat(s.sourceFile()).isNotEqualTo("p003.pdf");
      assertThat(out.splitOf(s.sampleId())).isEqualTo(folder.splitOf(s.sampleId()));
    });
    assertThat(derived.removed()).isEqualTo(folder.samples().size() - out.samples().size());
    assertThat(out.manifest().derivedFrom().operation()).isEqualTo("filter");
    assertThat(out.manifest().derivedFrom().inputs()).containsExactly("d-a");
    assertThat(out.manifest().derivedFrom().parameters()).contains("minScore=0.5", "origins=[GENERATED]");
    assertThat(out.manifest().files()).extracting(Manifest.FileEntry::format).contains("OPENAI_CHAT", "ALPACA");
    assertThat(out.manifest().sources()).filteredOn(s -> "p003.pdf".equals(s.file()))
        .singleElement().satisfies(s -> assertThat(s.samples()).isZero());
  }

  @Test
  void mergeLeavesOutDuplicatesAndResplitsWithoutLeaks() throws IOException {
    List<DatasetSample> first = Samples.corpus(3, 8);
    List<DatasetSample> second = new ArrayList<>(Samples.corpus(5, 8).subList(24, 40));
    DatasetSample sameText = first.get(0);
    second.add(new DatasetSample("other-id", "p999", "p999-g0", "x.md", "X", "S", sameText.taskType(),
        sameText.origin(), sameText.instruction().toUpperCase(), sameText.input(), "  " + sameText.output() + " ",
        List.of(), 0.5, Map.of(), "m"));
    second.add(first.get(1));
    DatasetFolder a = DatasetFolder.read(exported(tmp.resolve("a"), Map.of(Split.TRAIN, first)));
    DatasetFolder b = DatasetFolder.read(exported(tmp.resolve("b"), Map.of(Split.VALIDATION, second)));

    DatasetTools.Derived merged = DatasetTools.merge(List.of(a, b), SplitOptions.paper(3, 0.3),
        List.of(ExportFormat.SHAREGPT), tmp.resolve("merged"));

    DatasetFolder out = DatasetFolder.read(merged.location());
    assertThat(out.samples()).hasSize(first.size() + second.size() - 2);
    assertThat(merged.removed()).isEqualTo(2);
    assertThat(out.manifest().warnings()).contains("2 duplicate examples left out");
    Map<String, Set<Split>> splitsOfPaper = new HashMap<>();
    out.splits().forEach((split, samples) -> samples.forEach(
        s -> splitsOfPaper.computeIfAbsent(s.paperId(), k -> new HashSet<>()).add(split)));
    assertThat(splitsOfPaper.values()).allMatch(in -> in.size() == 1);
    assertThat(out.splits().get(Split.VALIDATION)).isNotEmpty();
    assertThat(out.dir().resolve("sharegpt.train.json")).isRegularFile();
  }

  @Test
  void convertWritesOtherFormatsOfTheSameSplitsByteForByteReproducibly() throws IOException {
    Map<Split, List<DatasetSample>> splits = Splitter.split(Samples.corpus(4, 6), SplitOptions.paper(1, 0.25));
    DatasetFolder folder = DatasetFolder.read(exported(tmp.resolve("a"), splits));

    DatasetTools.Derived once = DatasetTools.convert(folder,
        List.of(ExportFormat.BEDROCK_CLAUDE, ExportFormat.VERTEX_GEMINI), tmp.resolve("c1"));
    DatasetTools.Derived twice = DatasetTools.convert(folder,
        List.of(ExportFormat.BEDROCK_CLAUDE, ExportFormat.VERTEX_GEMINI), tmp.resolve("c2"));

    assertThat(DatasetFolder.read(once.location()).splits()).isEqualTo(splits);
    assertThat(tmp.resolve("c1/bedrock-claude.validation.jsonl")).isRegularFile();
    assertThat(tmp.resolve("c1/openai-chat.train.jsonl")).doesNotExist();
    for (Manifest.FileEntry file : once.manifest().files()) {
      assertThat(Files.readAllBytes(tmp.resolve("c2").resolve(file.name())))
          .isEqualTo(Files.readAllBytes(tmp.resolve("c1").resolve(file.name())));
    }
    assertThat(Files.readAllBytes(tmp.resolve("c2/manifest.json")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("c1/manifest.json")));
    assertThat(once.manifest().datasetId()).isEqualTo(twice.manifest().datasetId());
  }

  @Test
  void refusesToOverwriteAnInputOrAFolderThatIsNotADataset() throws IOException {
    DatasetFolder folder = DatasetFolder.read(exported(tmp.resolve("a"), Map.of(Split.TRAIN, Samples.corpus(1, 3))));
    Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(tmp.resolve("busy/notes.txt"), "mine");

    assertThatThrownBy(() -> DatasetTools.convert(folder, List.of(ExportFormat.ALPACA), tmp.resolve("a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is an input");
    assertThatThrownBy(() -> DatasetTools.convert(folder, List.of(ExportFormat.ALPACA), tmp.resolve("busy")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty and holds no dataset");
    assertThat(tmp.resolve("busy/notes.txt")).hasContent("mine");
    assertThatThrownBy(() -> DatasetFolder.read(tmp.resolve("busy")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no manifest.json");
  }

  /** A folder as an export leaves it: the writer's files and a manifest. */
  static Path exported(Path dir, Map<Split, List<DatasetSample>> splits) throws IOException {
    DatasetWriter writer = new DatasetWriter(new DatasetWriter.Options(null, "cl100k_base", 65_536, 0, "t",
        new HuggingFaceFormat.Card("t", "other", List.of())));
    DatasetWriter.Written written = writer.write(dir, splits, List.of(ExportFormat.OPENAI_CHAT, ExportFormat.ALPACA));
    Manifest manifest = new Manifest("r", "run", "d-" + dir.getFileName(), 1, Instant.parse("2026-11-23T10:00:00Z"),
        true, null, SplitOptions.paper(1, 0.2), written.files(),
        new Manifest.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), 0, List.of(new Manifest.Source(
            "p003.pdf", "accepted", null, "p003", "T", "application/pdf", 10, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0, "train")),
        written.leftOut(), written.truncated(), written.tokens(), written.warnings(), written.unchecked(), null);
    Files.writeString(dir.resolve(Manifest.FILE_NAME), Json.PRETTY.writeValueAsString(manifest));
    return dir;
  }
}
