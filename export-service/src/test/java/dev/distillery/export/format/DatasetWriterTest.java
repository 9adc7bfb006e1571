package dev.distillery.export.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.Ids;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Manifest.FileEntry;
import dev.distillery.export.dataset.Samples;
import dev.distillery.export.dataset.Split;
import dev.distillery.export.dataset.SplitOptions;
import dev.distillery.export.dataset.Splitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class DatasetWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<ExportFormat> ALL = List.of(ExportFormat.values());

  @TempDir Path dir;

  private final List<DatasetSample> corpus = Samples.corpus(6, 40);
  private final Map<Split, List<DatasetSample>> splits =
      Splitter.split(corpus, new SplitOptions(SplitOptions.Strategy.PAPER, 42, 0.2, 0.1));

  @Test
  void everyFormatsFilesPassItsProvidersRules() throws IOException {
    DatasetWriter.Written written = writer(null).write(dir, splits, ALL);

    Set<String> formats = written.files().stream().map(FileEntry::format).collect(Collectors.toSet());
    assertThat(formats).containsAll(ALL.stream().map(Enum::name).toList()).contains(DatasetWriter.SAMPLES_FORMAT);
    for (FileEntry file : written.files()) {
      ExportFormat format = formatOf(file);
      if (format == null || file.split().equals("all")) {
        continue;
      }
      assertThat(ProviderChecks.check(format, dir.resolve(file.name()))).as(file.name()).isEmpty();
      assertThat(file.examples()).as(file.name()).isEqualTo(splits.get(Split.ofLabel(file.split())).size());
    }
    assertThat(written.leftOut()).isEmpty();
    assertThat(dir.resolve("openai-chat.test.jsonl")).isRegularFile();
  }

  @Test
  void everyListedFileIsThereWithItsSha256AndNothingElse() throws IOException {
    DatasetWriter.Written written = writer(null).write(dir, splits, ALL);

    List<String> onDisk;
    try (Stream<Path> files = Files.walk(dir)) {
      onDisk = files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).toList();
    }
    assertThat(onDisk).containsExactlyInAnyOrderElementsOf(written.files().stream().map(FileEntry::name).toList());
    for (FileEntry file : written.files()) {
      byte[] bytes = Files.readAllBytes(dir.resolve(file.name()));
      assertThat(Ids.sha256(bytes)).as(file.name()).isEqualTo(file.sha256());
      assertThat((long) bytes.length).isEqualTo(file.bytes());
    }
  }

  @Test
  void describingWritesNothingAndNamesTheSameBytes() throws IOException {
    DatasetWriter.Written described = writer(null).describe(splits, ALL);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    assertThat(writer(null).write(dir, splits, ALL).files()).isEqualTo(described.files());
  }

  @Test
  void theSameSamplesGiveByteIdenticalFiles(@TempDir Path other) throws IOException {
    List<FileEntry> first = writer(null).write(dir, splits, ALL).files();
    List<DatasetSample> reversed = new ArrayList<>(corpus);
    java.util.Collections.reverse(reversed);
    Map<Split, List<DatasetSample>> again =
        Splitter.split(reversed, new SplitOptions(SplitOptions.Strategy.PAPER, 42, 0.2, 0.1));

    List<FileEntry> second = writer(null).write(other, again, ALL).files();

    assertThat(second).isEqualTo(first);
    for (FileEntry file : first) {
      assertThat(Files.readAllBytes(other.resolve(file.name()))).isEqualTo(Files.readAllBytes(dir.resolve(file.name())));
    }
  }

  @Test
  void multiTurnSamplesStayMultiTurnInEveryFormat() throws IOException {
    DatasetSample chat = Samples.multiTurn("m1", "p1", "g1", "Hi?", "Hello.", "And then?", "Then this.");
    Map<Split, List<DatasetSample>> one = Map.of(Split.TRAIN, List.of(chat));

    writer("You are precise.").write(dir, one, ALL);

    for (ExportFormat format : ALL) {
      RecordFormat records = Formats.record(format, new OpenAiChatFormat());
      if (records == null) {
        continue;
      }
      Path file = dir.resolve(records.fileName(Split.TRAIN));
      JsonNode record = records.jsonArray() ? JSON.readTree(file.toFile()).get(0)
          : JSON.readTree(Files.readAllLines(file).get(0));
      Chat read = records.read(record);
      assertThat(read.turns()).as(format.name()).isEqualTo(chat.turns());
      assertThat(read.system()).as(format.name()).isEqualTo("You are precise.");
    }
  }

  @Test
  void readingAnyFormatBackGivesTheSamplesTurns() throws IOException {
    writer(null).write(dir, splits, ALL);

    for (ExportFormat format : ALL) {
      RecordFormat records = Formats.record(format, new OpenAiChatFormat());
      if (records == null) {
        continue;
      }
      List<JsonNode> read = records(records, dir.resolve(records.fileName(Split.VALIDATION)));
      List<DatasetSample> expected = splits.get(Split.VALIDATION);
      assertThat(read).as(format.name()).hasSize(expected.size());
      for (int i = 0; i < read.size(); i++) {
        assertThat(records.read(read.get(i)).turns()).as(format.name()).isEqualTo(expected.get(i).turns());
      }
    }
  }

  @Test
  void theDatasetCardHasTheYamlHeaderTheHubNeeds() throws IOException {
    writer(null).write(dir, splits, List.of(ExportFormat.HUGGINGFACE));

    String card = Files.readString(dir.resolve(HuggingFaceFormat.CARD), StandardCharsets.UTF_8);
    assertThat(card).startsWith("---\n");
    String header = card.substring(4, card.indexOf("\n---\n", 4));
    Map<String, Object> yaml = new Yaml().load(header);
    assertThat(yaml).containsKeys("license", "task_categories", "size_categories", "configs", "pretty_name");
    assertThat((List<Object>) yaml.get("size_categories")).containsExactly("n<1K");
    assertThat((List<Object>) yaml.get("task_categories")).contains("question-answering", "text-generation");
    List<Map<String, Object>> configs = (List<Map<String, Object>>) yaml.get("configs");
    List<Map<String, String>> dataFiles = (List<Map<String, String>>) configs.get(0).get("data_files");
    assertThat(dataFiles).extracting(f -> f.get("split")).containsExactly("train", "validation", "test");
    assertThat(dataFiles).extracting(f -> f.get("path")).containsExactly(
        "data/train*.jsonl", "data/validation*.jsonl", "data/test*.jsonl");
    assertThat(card).contains("## How it was made");
  }

  @Test
  void aCardNameWithYamlSyntaxStillParses() throws IOException {
    DatasetWriter writer = new DatasetWriter(new DatasetWriter.Options(null, "cl100k_base", 65_536, 0, "x",
        new HuggingFaceFormat.Card("run: \"quotes\" # and - [brackets]", "mit", List.of("made: here"))));
    writer.write(dir, splits, List.of(ExportFormat.HUGGINGFACE));

    String card = Files.readString(dir.resolve(HuggingFaceFormat.CARD));
    Map<String, Object> yaml = new Yaml().load(card.substring(4, card.indexOf("\n---\n", 4)));
    assertThat(yaml.get("pretty_name")).isEqualTo("run: \"quotes\" # and - [brackets]");
    assertThat(yaml.get("license")).isEqualTo("mit");
  }

  @Test
  void llamaFactoryDescribesTheShareGptAndAlpacaFilesBesideIt() throws IOException {
    List<FileEntry> files = writer(null).write(dir, splits, List.of(ExportFormat.LLAMA_FACTORY)).files();

    JsonNode info = JSON.readTree(dir.resolve(LlamaFactoryInfo.FILE).toFile());
    assertThat(info.size()).isEqualTo(6);
    info.fields().forEachRemaining(entry -> {
      assertThat(dir.resolve(entry.getValue().get("file_name").asText())).isRegularFile();
      assertThat(entry.getValue().get("formatting").asText()).isIn("alpaca", "sharegpt");
    });
    JsonNode sharegpt = info.get("test_run_sharegpt_train");
    assertThat(sharegpt.get("columns").get("messages").asText()).isEqualTo("conversations");
    assertThat(sharegpt.get("tags").get("user_tag").asText()).isEqualTo("human");
    assertThat(files).extracting(FileEntry::format).contains("ALPACA", "SHAREGPT", "LLAMA_FACTORY");
  }

  @Test
  void theCsvSidecarHasARowPerExampleWithItsMetadata() throws IOException {
    writer(null).write(dir, splits, List.of(ExportFormat.CSV_METADATA));

    List<String> lines = Files.readAllLines(dir.resolve(CsvMetadata.FILE));
    assertThat(lines.get(0)).isEqualTo(
        "id,split,source_file,section,task_type,origin,tokens,score,scores,topic_keywords");
    long rows = lines.stream().skip(1).count();
    assertThat(rows).isEqualTo(corpus.size());
    assertThat(lines).anyMatch(l -> l.contains(",EXTRACTED,")).anyMatch(l -> l.contains(",GENERATED,"));
    assertThat(lines).anyMatch(l -> l.contains("length=0.7000;relevance=0.9000"));
    assertThat(CsvMetadata.quote("a \"b\", c")).isEqualTo("\"a \"\"b\"\", c\"");
  }

  @Test
  void largeFilesAreSplitAtTheSizeLimitWithoutLosingALine() throws IOException {
    DatasetWriter writer =
        new DatasetWriter(new DatasetWriter.Options(null, "cl100k_base", 65_536, 4_000, "t",
            new HuggingFaceFormat.Card("t", "other", List.of())));
    List<FileEntry> files = writer.write(dir, splits, List.of(ExportFormat.OPENAI_CHAT)).files();

    List<FileEntry> train = files.stream()
        .filter(f -> f.format().equals("OPENAI_CHAT") && f.split().equals("train")).toList();
    assertThat(train).hasSizeGreaterThan(1);
    assertThat(train.get(0).name()).matches("openai-chat\\.train\\.part-001-of-\\d{3}\\.jsonl");
    assertThat(train).allMatch(f -> f.bytes() <= 4_000);
    int lines = 0;
    for (FileEntry part : train) {
      lines += Files.readAllLines(dir.resolve(part.name())).size();
      assertThat(ProviderChecks.check(ExportFormat.OPENAI_CHAT, dir.resolve(part.name()))).isEmpty();
    }
    assertThat(lines).isEqualTo(splits.get(Split.TRAIN).size());
  }

  @Test
  void aSecondWriteIntoTheFolderRemovesFilesItNoLongerHas() throws IOException {
    writer(null).write(dir, splits, ALL);
    writer(null).write(dir, Map.of(Split.TRAIN, corpus), List.of(ExportFormat.ALPACA));

    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()))
          .containsExactlyInAnyOrder("samples.jsonl", "alpaca.train.json");
    }
  }

  static DatasetWriter writer(String system) {
    return new DatasetWriter(new DatasetWriter.Options(system, "cl100k_base", 65_536, 0, "test run",
        new HuggingFaceFormat.Card("test run", "other", List.of("made in a test"))));
  }

  private static List<JsonNode> records(RecordFormat format, Path file) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    if (format.jsonArray()) {
      JSON.readTree(file.toFile()).forEach(records::add);
    } else {
      for (String line : Files.readAllLines(file)) {
        records.add(JSON.readTree(line));
      }
    }
    return records;
  }

  private static ExportFormat formatOf(FileEntry file) {
    Map<String, ExportFormat> byName = new HashMap<>();
    for (ExportFormat f : ExportFormat.values()) {
      byName.put(f.name(), f);
    }
    return byName.get(file.format());
  }
}
