package dev.distillery.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.TaskType;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Json;
import dev.distillery.export.dataset.Manifest;
import dev.distillery.export.dataset.Manifest.FileEntry;
import dev.distillery.export.dataset.Manifest.LeftOut;
import dev.distillery.export.dataset.Manifest.TokenStats;
import dev.distillery.export.dataset.Manifest.Truncation;
import dev.distillery.export.dataset.Split;
import dev.distillery.export.dataset.TokenCounter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Puts a split dataset on disk: {@code samples.jsonl} (every example with its split and metadata, what the dataset
 * tools read back), then each format's files. Every example is laid out, counted and checked against its
 * provider's rules before anything is written; what fails is left out with the reason, what is too long is cut
 * where the provider allows it. Output is a pure function of the input, so the same samples give the same bytes.
 * Blocking; every file is replaced atomically. Not for concurrent use.
 */
public final class DatasetWriter {
  /** Name of the canonical file's format in the manifest. */
  public static final String SAMPLES_FORMAT = "SAMPLES";

  private static final String ALL = "all";
  private static final String APPROXIMATE_ENCODING = "cl100k_base";

  private final Options options;
  private final Map<String, TokenCounter> counters = new HashMap<>();
  private final Map<String, Integer> chatTokens = new HashMap<>();

  /**
   * @param systemPrompt system message put before every example; null for none
   * @param openAiEncoding {@code cl100k_base}, or {@code o200k_base} for the gpt-4o family
   * @param openAiExampleTokens the trained model's tokens per example (65,536 for gpt-4o-mini-2024-07-18)
   * @param maxFileBytes split files larger than this; 0 keeps each provider's own limit
   * @param datasetName names the dataset in LLaMA-Factory's dataset_info.json
   */
  public record Options(
      String systemPrompt, String openAiEncoding, int openAiExampleTokens, long maxFileBytes, String datasetName,
      HuggingFaceFormat.Card card) {

    public static Options defaults(String datasetName) {
      return new Options(
          null, "cl100k_base", OpenAiChatFormat.EXAMPLE_TOKENS, 0, datasetName,
          new HuggingFaceFormat.Card(datasetName, "other", List.of("Made by Distillery.")));
    }
  }

  /** What was written, for the manifest. */
  public record Written(
      List<FileEntry> files, List<LeftOut> leftOut, List<Truncation> truncated, List<TokenStats> tokens,
      List<String> warnings, List<String> unchecked) {}

  public DatasetWriter(Options options) {
    this.options = options;
  }

  /**
   * @param splits every split's examples in file order (an empty list for a split with none)
   * @param formats the formats asked for; LLaMA-Factory brings Alpaca and ShareGPT with it
   */
  public Written write(Path dir, Map<Split, List<DatasetSample>> splits, List<ExportFormat> formats)
      throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.deleteLeftovers(dir);
    Written written = render(dir, splits, formats);
    deleteStale(dir, written.files());
    return written;
  }

  /**
   * What {@link #write} would write, without writing: names, counts and sha256 of every file. Lets a caller decide
   * from the content whether an export is new (a new version) before touching a directory.
   */
  public Written describe(Map<Split, List<DatasetSample>> splits, List<ExportFormat> formats) throws IOException {
    return render(null, splits, formats);
  }

  /** @param dir where to write, or null to only describe */
  private Written render(Path dir, Map<Split, List<DatasetSample>> splits, List<ExportFormat> formats)
      throws IOException {
    Run run = new Run();
    run.files.add(samplesFile(dir, splits));
    OpenAiChatFormat openAi =
        new OpenAiChatFormat(new OpenAiChatFormat().limits()
            .withTokenizer(options.openAiEncoding())
            .withMaxExampleTokens(options.openAiExampleTokens())
            .withUnknown(List.of("tokens per example are checked against " + options.openAiExampleTokens()
                + ", the training context of the model this export was configured for (export.openai.example-tokens);"
                + " gpt-3.5-turbo-0125 allows only 16,385")));
    List<ExportFormat> all = Formats.withDependencies(formats);
    for (ExportFormat format : all) {
      RecordFormat writer = Formats.record(format, openAi);
      if (writer != null) {
        writeRecords(dir, writer, splits, run);
      }
    }
    if (all.contains(ExportFormat.HUGGINGFACE)) {
      run.files.add(card(dir, splits, run.files));
    }
    if (all.contains(ExportFormat.LLAMA_FACTORY)) {
      run.files.add(llamaFactory(dir, run.files));
    }
    if (all.contains(ExportFormat.CSV_METADATA)) {
      run.files.add(csv(dir, splits));
    }
    return new Written(
        List.copyOf(run.files), List.copyOf(run.leftOut), List.copyOf(run.truncated), List.copyOf(run.tokens),
        List.copyOf(run.warnings), List.copyOf(run.unchecked));
  }

  /** The splits that get files: train always (possibly empty), the others only when they have examples. */
  public static List<Split> splitsToWrite(Map<Split, List<DatasetSample>> splits) {
    List<Split> written = new ArrayList<>();
    for (Split split : Split.values()) {
      if (split == Split.TRAIN || !splits.getOrDefault(split, List.of()).isEmpty()) {
        written.add(split);
      }
    }
    return written;
  }

  private FileEntry samplesFile(Path dir, Map<Split, List<DatasetSample>> splits) throws IOException {
    StringBuilder jsonl = new StringBuilder();
    int examples = 0;
    long tokens = 0;
    for (Split split : Split.values()) {
      for (DatasetSample sample : splits.getOrDefault(split, List.of())) {
        ObjectNode line = Json.MAPPER.createObjectNode().put("split", split.label());
        line.setAll((ObjectNode) Json.MAPPER.valueToTree(sample));
        jsonl.append(Json.MAPPER.writeValueAsString(line)).append('\n');
        examples++;
        tokens += tokens(APPROXIMATE_ENCODING, sample, Chat.of(sample, options.systemPrompt()));
      }
    }
    return write(dir, Manifest.SAMPLES_FILE, SAMPLES_FORMAT, ALL, examples, tokens, jsonl.toString());
  }

  private void writeRecords(Path dir, RecordFormat format, Map<Split, List<DatasetSample>> splits, Run run)
      throws IOException {
    ProviderLimits limits = format.limits();
    List<Integer> exampleTokens = new ArrayList<>();
    for (Split split : splitsToWrite(splits)) {
      int maxRecords = switch (split) {
        case TRAIN -> limits.maxTrain();
        case VALIDATION -> limits.maxValidation();
        case TEST -> 0;
      };
      List<JsonNode> records = new ArrayList<>();
      List<Integer> recordTokens = new ArrayList<>();
      for (DatasetSample sample : splits.getOrDefault(split, List.of())) {
        Prepared prepared = prepare(format, sample, run);
        if (prepared == null) {
          continue;
        }
        if (maxRecords > 0 && records.size() >= maxRecords) {
          run.leftOut(sample, format, limits.provider() + " accepts at most " + maxRecords + " " + split.label()
              + " records");
          continue;
        }
        records.add(prepared.record());
        recordTokens.add(prepared.tokens());
      }
      exampleTokens.addAll(recordTokens);
      run.files.addAll(writeSplit(dir, format, split, records, recordTokens));
      minimum(format, split, records.size(), run);
    }
    run.tokens.add(stats(format, exampleTokens));
    limits.unknown().forEach(u -> run.unchecked.add(format.format().name() + ": " + u));
  }

  private void minimum(RecordFormat format, Split split, int count, Run run) {
    ProviderLimits limits = format.limits();
    int min = switch (split) {
      case TRAIN -> limits.minTrain();
      case VALIDATION -> limits.minValidation();
      case TEST -> 0;
    };
    if (count < min) {
      run.warnings.add(format.fileName(split) + " has " + count + " examples; " + limits.provider() + " needs at least "
          + min + " " + split.label() + " examples and will refuse the file");
    }
  }

  /** The example as the format's record, or null when it was left out (the reason is recorded). */
  private Prepared prepare(RecordFormat format, DatasetSample sample, Run run) {
    ProviderLimits limits = format.limits();
    Chat chat = Chat.of(sample, options.systemPrompt());
    int tokens = tokens(limits.tokenizer(), sample, chat);
    int limit = limits.enforcedExampleTokens();
    if (limit > 0 && tokens > limit) {
      String size = tokens + " tokens (" + limits.tokenizer() + (limits.exactTokens() ? "" : ", approximated") + ")";
      if (!limits.truncates()) {
        run.leftOut(sample, format, size + "; " + limits.provider() + " allows " + limits.maxExampleTokens()
            + " per example and refuses longer ones");
        return null;
      }
      Chat cut = truncate(chat, limits.tokenizer(), limit);
      if (cut == null) {
        run.leftOut(sample, format, size + "; the prompt alone exceeds the " + limit + " tokens "
            + limits.provider() + " trains on, so no part of the answer would remain");
        return null;
      }
      int cutTokens = counter(limits.tokenizer()).chat(cut.system(), cut.turns());
      run.truncated.add(new Truncation(sample.sampleId(), format.format().name(), tokens, cutTokens));
      chat = cut;
      tokens = cutTokens;
    }
    JsonNode record;
    try {
      record = format.record(chat);
    } catch (IllegalArgumentException e) {
      run.leftOut(sample, format, e.getMessage());
      return null;
    }
    List<String> violations = format.violations(record);
    if (!violations.isEmpty()) {
      run.leftOut(sample, format, String.join("; ", violations));
      return null;
    }
    return new Prepared(record, tokens);
  }

  /** The last (assistant) turn cut at a token boundary until the example fits; null when nothing of it would remain. */
  private Chat truncate(Chat chat, String encoding, int limit) {
    TokenCounter counter = counter(encoding);
    ChatTurn last = chat.turns().get(chat.turns().size() - 1);
    if (!DatasetSample.ASSISTANT.equals(last.role())) {
      return null;
    }
    int keep = counter.count(last.content()) - (counter.chat(chat.system(), chat.turns()) - limit);
    while (keep > 0) {
      Chat cut = chat.withLastContent(counter.truncate(last.content(), keep));
      int over = counter.chat(cut.system(), cut.turns()) - limit;
      if (over <= 0) {
        return cut;
      }
      keep -= over;
    }
    return null;
  }

  private List<FileEntry> writeSplit(
      Path dir, RecordFormat format, Split split, List<JsonNode> records, List<Integer> tokens) throws IOException {
    String name = format.format().name();
    if (format.jsonArray()) {
      ArrayNode array = Json.MAPPER.createArrayNode();
      records.forEach(array::add);
      String json = Json.PRETTY.writeValueAsString(array) + "\n";
      return List.of(write(dir, format.fileName(split), name, split.label(), records.size(), sum(tokens), json));
    }
    List<String> lines = new ArrayList<>(records.size());
    for (JsonNode record : records) {
      lines.add(Json.MAPPER.writeValueAsString(record) + "\n");
    }
    long maxBytes = options.maxFileBytes() > 0 ? options.maxFileBytes() : format.limits().maxFileBytes();
    List<int[]> parts = parts(lines, maxBytes);
    List<FileEntry> files = new ArrayList<>();
    for (int p = 0; p < parts.size(); p++) {
      int from = parts.get(p)[0];
      int to = parts.get(p)[1];
      String fileName = parts.size() == 1 ? format.fileName(split) : format.partName(split, p + 1, parts.size());
      files.add(write(dir, fileName, name, split.label(), to - from, sum(tokens.subList(from, to)),
          String.join("", lines.subList(from, to))));
    }
    return files;
  }

  /** Line ranges [from, to) of at most {@code maxBytes} each; always at least one, possibly empty, range. */
  static List<int[]> parts(List<String> lines, long maxBytes) {
    List<int[]> parts = new ArrayList<>();
    int from = 0;
    long size = 0;
    for (int i = 0; i < lines.size(); i++) {
      long line = lines.get(i).getBytes(StandardCharsets.UTF_8).length;
      if (maxBytes > 0 && i > from && size + line > maxBytes) {
        parts.add(new int[] {from, i});
        from = i;
        size = 0;
      }
      size += line;
    }
    parts.add(new int[] {from, lines.size()});
    return parts;
  }

  private FileEntry card(Path dir, Map<Split, List<DatasetSample>> splits, List<FileEntry> files) throws IOException {
    List<Split> written = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (Split split : splitsToWrite(splits)) {
      int examples = files.stream()
          .filter(f -> f.format().equals(ExportFormat.HUGGINGFACE.name()) && f.split().equals(split.label()))
          .mapToInt(FileEntry::examples)
          .sum();
      if (examples > 0 || split == Split.TRAIN) {
        written.add(split);
        counts.add(examples);
      }
    }
    Set<TaskType> taskTypes = EnumSet.noneOf(TaskType.class);
    splits.values().forEach(list -> list.stream()
        .map(DatasetSample::taskType).filter(t -> t != null).forEach(taskTypes::add));
    String card = HuggingFaceFormat.card(options.card(), written, counts, taskTypes);
    return write(dir, HuggingFaceFormat.CARD, ExportFormat.HUGGINGFACE.name(), ALL, 0, 0, card);
  }

  private FileEntry llamaFactory(Path dir, List<FileEntry> files) throws IOException {
    ObjectNode info = LlamaFactoryInfo.of(safeName(options.datasetName()), files);
    Set<String> names = new LinkedHashSet<>();
    files.forEach(f -> names.add(f.name()));
    List<String> violations = LlamaFactoryInfo.violations(info, names);
    if (!violations.isEmpty()) {
      throw new IllegalStateException("dataset_info.json would be refused: " + String.join("; ", violations));
    }
    return write(dir, LlamaFactoryInfo.FILE, ExportFormat.LLAMA_FACTORY.name(), ALL, 0, 0,
        Json.PRETTY.writeValueAsString(info) + "\n");
  }

  private FileEntry csv(Path dir, Map<Split, List<DatasetSample>> splits) throws IOException {
    CsvMetadata csv = new CsvMetadata();
    long tokens = 0;
    for (Split split : Split.values()) {
      for (DatasetSample sample : splits.getOrDefault(split, List.of())) {
        int count = tokens(APPROXIMATE_ENCODING, sample, Chat.of(sample, options.systemPrompt()));
        csv.add(sample, split, count);
        tokens += count;
      }
    }
    byte[] bytes = csv.bytes();
    return new FileEntry(CsvMetadata.FILE, ExportFormat.CSV_METADATA.name(), ALL, csv.rows(), tokens, bytes.length,
        store(dir, CsvMetadata.FILE, bytes));
  }

  private static FileEntry write(
      Path dir, String name, String format, String split, int examples, long tokens, String content)
      throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new FileEntry(name, format, split, examples, tokens, bytes.length, store(dir, name, bytes));
  }

  /** Writes the bytes when there is a directory; the sha256 either way. */
  private static String store(Path dir, String name, byte[] bytes) throws IOException {
    return dir == null ? Ids.sha256(bytes) : AtomicFiles.write(dir.resolve(name), out -> out.write(bytes));
  }

  /** Removes files an earlier export into this directory wrote and this one does not, and empty folders. */
  private static void deleteStale(Path dir, List<FileEntry> written) throws IOException {
    Set<Path> keep = new LinkedHashSet<>();
    written.forEach(f -> keep.add(dir.resolve(f.name()).normalize()));
    keep.add(dir.resolve(Manifest.FILE_NAME).normalize());
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isRegularFile(path) && !keep.contains(path.normalize())) {
          Files.delete(path);
        } else if (Files.isDirectory(path) && !path.equals(dir) && isEmpty(path)) {
          Files.delete(path);
        }
      }
    }
  }

  private static boolean isEmpty(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }

  private TokenStats stats(RecordFormat format, List<Integer> tokens) {
    ProviderLimits limits = format.limits();
    int min = tokens.stream().mapToInt(Integer::intValue).min().orElse(0);
    int max = tokens.stream().mapToInt(Integer::intValue).max().orElse(0);
    long total = sum(tokens);
    double mean = tokens.isEmpty() ? 0 : Math.round(total * 10.0 / tokens.size()) / 10.0;
    return new TokenStats(format.format().name(), limits.tokenizer(), limits.exactTokens(), limits.maxExampleTokens(),
        tokens.size(), min, max, mean, total);
  }

  private int tokens(String encoding, DatasetSample sample, Chat chat) {
    return chatTokens.computeIfAbsent(
        encoding + "/" + sample.sampleId(), k -> counter(encoding).chat(chat.system(), chat.turns()));
  }

  private TokenCounter counter(String encoding) {
    return counters.computeIfAbsent(encoding, TokenCounter::of);
  }

  private static long sum(List<Integer> values) {
    return values.stream().mapToLong(Integer::longValue).sum();
  }

  /** LLaMA-Factory dataset names: lower-case letters, digits and underscores. */
  static String safeName(String name) {
    String safe = (name == null ? "" : name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
        .replaceAll("^_+|_+$", "");
    return safe.isEmpty() ? "distillery" : safe;
  }

  private record Prepared(JsonNode record, int tokens) {}

  /** What one write collects on the way. */
  private static final class Run {
    final List<FileEntry> files = new ArrayList<>();
    final List<LeftOut> leftOut = new ArrayList<>();
    final List<Truncation> truncated = new ArrayList<>();
    final List<TokenStats> tokens = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Set<String> unchecked = new LinkedHashSet<>();

    void leftOut(DatasetSample sample, RecordFormat format, String reason) {
      leftOut.add(new LeftOut(sample.sampleId(), format.format().name(), reason));
    }
  }
}
