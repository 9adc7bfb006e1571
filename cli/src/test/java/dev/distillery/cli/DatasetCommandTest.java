package dev.distillery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.SampleOrigin;
import dev.distillery.contracts.TaskType;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Json;
import dev.distillery.export.dataset.Manifest;
import dev.distillery.export.dataset.Split;
import dev.distillery.export.dataset.SplitOptions;
import dev.distillery.export.dataset.Splitter;
import dev.distillery.export.format.DatasetFolder;
import dev.distillery.export.format.DatasetWriter;
import dev.distillery.export.format.HuggingFaceFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The dataset tools from the command line, on folders as an export leaves them; nothing is started. */
class DatasetCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void analyzePrintsCountsMixesAndDistributions() throws IOException {
    Path dataset = exported(tmp.resolve("a"), corpus("a", 3, 6));

    assertThat(run("dataset", "analyze", dataset.toString())).isEqualTo(ExitCodes.OK);

    assertThat(out.toString())
        .contains("18 examples", "task types:", "QA", "origins:", "EXTRACTED", "sources:", "a0.pdf",
            "tokens per example (cl100k_base): min", "scores: min");
    assertThat(run("dataset", "analyze", "--json", dataset.toString())).isEqualTo(ExitCodes.OK);
    JsonNode json = JSON.readTree(out.toString().substring(out.toString().indexOf("{")));
    assertThat(json.get("examples").asInt()).isEqualTo(18);
  }

  @Test
  void previewShowsTheFirstExamplesWithTheirTurns() throws IOException {
    Path dataset = exported(tmp.resolve("a"), corpus("a", 2, 4));

    assertThat(run("dataset", "preview", "-n", "2", dataset.toString())).isEqualTo(ExitCodes.OK);

    assertThat(out.toString().lines().filter(l -> l.startsWith("[train]"))).hasSize(2);
    assertThat(out.toString()).contains("user:", "assistant:", "Explain point 0 of a");
  }

  @Test
  void filterWritesANewDatasetAndPrintsItsFolderLast() throws IOException {
    Path dataset = exported(tmp.resolve("a"), corpus("a", 3, 6));
    Path filtered = tmp.resolve("only-extracted");

    int code = run("dataset", "filter", dataset.toString(), "--origin", "extracted", "--min-score", "0.5",
        "--formats", "alpaca,bedrock", "--out", filtered.toString());

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(lastLine(out)).isEqualTo(filtered.toAbsolutePath().toString());
    DatasetFolder read = DatasetFolder.read(filtered);
    assertThat(read.samples()).hasSize(6).allMatch(s -> s.origin() == SampleOrigin.EXTRACTED);
    assertThat(filtered.resolve("bedrock-claude.train.jsonl")).isRegularFile();
    assertThat(err.toString()).contains("filter: 6 examples", "12 of the input's left out", "at least 32");
  }

  @Test
  void mergeDeduplicatesAndConvertChangesTheFormats() throws IOException {
    List<DatasetSample> shared = corpus("a", 2, 5);
    Path first = exported(tmp.resolve("a"), shared);
    List<DatasetSample> second = new ArrayList<>(corpus("b", 2, 5));
    second.add(shared.get(0));
    Path other = exported(tmp.resolve("b"), second);
    Path merged = tmp.resolve("merged");

    assertThat(run("dataset", "merge", first.toString(), other.toString(), "--validation-share", "0.25",
        "--out", merged.toString())).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(DatasetFolder.read(merged).samples()).hasSize(20);
    assertThat(err.toString()).contains("1 of the input's left out");

    Path converted = tmp.resolve("vertex");
    assertThat(run("dataset", "convert", merged.toString(), "--formats", "vertex,hf", "--out", converted.toString()))
        .isEqualTo(ExitCodes.OK);
    assertThat(converted.resolve("vertex-gemini.train.jsonl")).isRegularFile();
    assertThat(converted.resolve("huggingface/README.md")).isRegularFile();
  }

  @Test
  void aFolderThatIsNotADatasetIsBadInputNamedInTheMessage() throws IOException {
    Path notes = Files.createDirectories(tmp.resolve("notes"));

    assertThat(run("dataset", "analyze", notes.toString())).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains(notes.toString(), "is not a Distillery dataset", "manifest.json");

    Path dataset = exported(tmp.resolve("a"), corpus("a", 1, 2));
    assertThat(run("dataset", "filter", dataset.toString(), "--task-type", "poem", "--out", tmp.resolve("x").toString()))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("unknown task type 'poem'");
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static String lastLine(StringWriter writer) {
    List<String> lines = writer.toString().lines().toList();
    return lines.get(lines.size() - 1);
  }

  /** Papers {@code <prefix>0..}, every third sample mined from the document. */
  private static List<DatasetSample> corpus(String prefix, int papers, int perPaper) {
    List<DatasetSample> samples = new ArrayList<>();
    for (int p = 0; p < papers; p++) {
      String paper = prefix + p;
      for (int i = 0; i < perPaper; i++) {
        samples.add(new DatasetSample(paper + "-s" + i, paper, paper + "-g" + (i / 2), paper + ".pdf", "Title " + paper,
            "Intro", i % 3 == 0 ? TaskType.QA : TaskType.SUMMARY,
            i % 3 == 0 ? SampleOrigin.EXTRACTED : SampleOrigin.GENERATED, "Explain point " + i + " of " + paper + ".",
            "", "Point " + i + " of " + paper + " is about attention.", List.of(), 0.5 + i * 0.05, Map.of("length", 0.5),
            "gpt-4o-mini"));
      }
    }
    return samples;
  }

  /** A folder as the export-service leaves it: the writer's files, then manifest.json. */
  private static Path exported(Path dir, List<DatasetSample> samples) throws IOException {
    Map<Split, List<DatasetSample>> splits = Splitter.split(samples, SplitOptions.paper(1, 0.2));
    DatasetWriter.Written written = new DatasetWriter(new DatasetWriter.Options(null, "cl100k_base", 65_536, 0,
        "t", new HuggingFaceFormat.Card("t", "other", List.of())))
        .write(dir, splits, List.of(ExportFormat.OPENAI_CHAT, ExportFormat.ALPACA));
    Manifest manifest = new Manifest("run-" + dir.getFileName(), "test", "dataset-" + dir.getFileName(), 1,
        Instant.parse("2026-11-23T10:00:00Z"), true, null, SplitOptions.paper(1, 0.2), written.files(),
        new Manifest.Counts(samples.size(), samples.size(), 0, 0, samples.size(), 0, 0, 0, 0, 0), List.of(), 0,
        List.of(), written.leftOut(), written.truncated(), written.tokens(), written.warnings(), written.unchecked(),
        null);
    Files.writeString(dir.resolve(Manifest.FILE_NAME), Json.PRETTY.writeValueAsString(manifest));
    return dir;
  }
}
