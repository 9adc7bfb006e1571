package dev.distillery.export.tools;

import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.SampleOrigin;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Json;
import dev.distillery.export.dataset.Manifest;
import dev.distillery.export.dataset.Manifest.FileEntry;
import dev.distillery.export.dataset.Split;
import dev.distillery.export.dataset.SplitOptions;
import dev.distillery.export.dataset.Splitter;
import dev.distillery.export.dataset.TokenCounter;
import dev.distillery.export.format.AtomicFiles;
import dev.distillery.export.format.DatasetFolder;
import dev.distillery.export.format.DatasetWriter;
import dev.distillery.export.format.HuggingFaceFormat;
import dev.distillery.export.format.OpenAiChatFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The dataset tools users of the earlier builders had — analyze, preview, filter, merge (with dedup) and convert —
 * working on exported dataset folders, with no service running. Filter, merge and convert write a new dataset
 * folder with its own manifest that says what it was derived from; the inputs are never changed. The same command
 * on the same inputs gives byte-identical data files.
 */
public final class DatasetTools {
  private static final TokenCounter TOKENS = TokenCounter.of("cl100k_base");

  private DatasetTools() {}

  /** One example as shown by {@link #preview}. */
  public record Preview(String split, DatasetSample sample) {}

  /**
   * A dataset made by filter, merge or convert.
   *
   * @param removed input examples not in the output (filtered out, or duplicates)
   */
  public record Derived(Path location, Manifest manifest, int removed) {}

  public static Analysis analyze(DatasetFolder folder) {
    List<DatasetSample> all = folder.samples();
    Map<String, Integer> splits = new LinkedHashMap<>();
    folder.splits().forEach((split, samples) -> splits.put(split.label(), samples.size()));
    Map<String, Integer> leftOut = new TreeMap<>();
    folder.manifest().leftOut().forEach(l -> leftOut.merge(l.format(), 1, Integer::sum));
    return new Analysis(
        folder.manifest().datasetId(), folder.manifest().runId(), all.size(), splits,
        countBy(all, s -> s.taskType() == null ? "UNKNOWN" : s.taskType().name()), countBy(all, DatasetSample::sourceKey),
        countBy(all, s -> s.origin().name()), (int) all.stream().filter(DatasetSample::multiTurn).count(),
        distribution(all, s -> tokens(s), true), distribution(all, s -> firstUser(s).length(), true),
        distribution(all, s -> lastAssistant(s).length(), true), distribution(all, DatasetSample::score, false),
        leftOut, folder.manifest().warnings() == null ? List.of() : folder.manifest().warnings());
  }

  /** The first {@code n} examples of a split (of train, then validation, then test when split is null). */
  public static List<Preview> preview(DatasetFolder folder, int n, Split split) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, was " + n);
    }
    List<Preview> previews = new ArrayList<>();
    for (Split s : split == null ? List.of(Split.values()) : List.of(split)) {
      for (DatasetSample sample : folder.splits().get(s)) {
        if (previews.size() == n) {
          return previews;
        }
        previews.add(new Preview(s.label(), sample));
      }
    }
    return previews;
  }

  /**
   * The examples the filter keeps, each in the split it was in.
   *
   * @param formats the output's formats; null for the input's
   */
  public static Derived filter(DatasetFolder in, SampleFilter filter, List<ExportFormat> formats, Path out)
      throws IOException {
    Map<Split, List<DatasetSample>> kept = new EnumMap<>(Split.class);
    in.splits().forEach((split, samples) -> kept.put(split,
        samples.stream().filter(s -> filter.keeps(s, tokens(s))).toList()));
    return derive(List.of(in), kept, in.manifest().split(), formats == null ? formatsOf(in) : formats,
        new Manifest.Derivation("filter", inputs(List.of(in)), filter.describe()), List.of(), out);
  }

  /** The same examples and splits in other formats. */
  public static Derived convert(DatasetFolder in, List<ExportFormat> formats, Path out) throws IOException {
    return derive(List.of(in), in.splits(), in.manifest().split(), formats,
        new Manifest.Derivation("convert", inputs(List.of(in)), "formats=" + formats), List.of(), out);
  }

  /**
   * The examples of every input, duplicates left out (same sample id, or the same conversation once case and
   * whitespace are ignored; the first input wins), split afresh so that no paper ends up in two splits.
   *
   * @param formats the output's formats; null for every format any input has
   */
  public static Derived merge(List<DatasetFolder> ins, SplitOptions split, List<ExportFormat> formats, Path out)
      throws IOException {
    if (ins.size() < 2) {
      throw new IllegalArgumentException("merge needs at least two datasets, got " + ins.size());
    }
    Set<String> ids = new HashSet<>();
    Set<String> texts = new HashSet<>();
    List<DatasetSample> merged = new ArrayList<>();
    int duplicates = 0;
    for (DatasetFolder in : ins) {
      for (DatasetSample sample : in.samples()) {
        boolean newId = ids.add(sample.sampleId());
        boolean newText = texts.add(fingerprint(sample));
        if (newId && newText) {
          merged.add(sample);
        } else {
          duplicates++;
        }
      }
    }
    List<ExportFormat> outFormats = formats;
    if (outFormats == null) {
      Set<ExportFormat> union = EnumSet.noneOf(ExportFormat.class);
      ins.forEach(in -> union.addAll(formatsOf(in)));
      outFormats = List.copyOf(union);
    }
    List<String> warnings = duplicates == 0 ? List.of() : List.of(duplicates + " duplicate examples left out");
    return derive(ins, Splitter.split(merged, split), split, outFormats,
        new Manifest.Derivation("merge", inputs(ins), "dedup=sampleId+text, " + split), warnings, out);
  }

  private static Derived derive(
      List<DatasetFolder> ins, Map<Split, List<DatasetSample>> splits, SplitOptions split, List<ExportFormat> formats,
      Manifest.Derivation derivation, List<String> extraWarnings, Path out) throws IOException {
    checkOutput(ins, out);
    String name = "distillery " + derivation.operation();
    DatasetWriter writer = new DatasetWriter(new DatasetWriter.Options(
        null, "cl100k_base", OpenAiChatFormat.EXAMPLE_TOKENS, 0, name,
        new HuggingFaceFormat.Card(name, "other", List.of(
            "Made with `distillery dataset " + derivation.operation() + "` from " + derivation.inputs() + ".",
            "Parameters: " + derivation.parameters() + "."))));
    DatasetWriter.Written written = writer.write(out, splits, formats);
    List<DatasetSample> all = new ArrayList<>();
    splits.values().forEach(all::addAll);
    int inputExamples = ins.stream().mapToInt(in -> in.samples().size()).sum();
    int extracted = (int) all.stream().filter(s -> s.origin() == SampleOrigin.EXTRACTED).count();
    Manifest.Counts counts = new Manifest.Counts(
        inputExamples, all.size(), inputExamples - all.size(), 0, all.size(), size(splits, Split.TRAIN),
        size(splits, Split.VALIDATION), size(splits, Split.TEST), all.size() - extracted, extracted);
    List<Manifest.ModelCost> models = models(ins);
    List<String> warnings = new ArrayList<>(extraWarnings);
    warnings.addAll(written.warnings());
    Manifest single = ins.size() == 1 ? ins.get(0).manifest() : null;
    Manifest manifest = new Manifest(
        single == null ? null : single.runId(), single == null ? null : single.runName(),
        datasetId(derivation, written.files()), 1, createdAt(ins),
        ins.stream().allMatch(in -> in.manifest().complete()), single == null ? null : single.config(), split,
        written.files(), counts, models, models.stream().mapToDouble(Manifest.ModelCost::costUsd).sum(),
        sources(ins, splits), written.leftOut(), written.truncated(), written.tokens(), warnings, written.unchecked(),
        derivation);
    String json = Json.PRETTY.writeValueAsString(manifest) + "\n";
    AtomicFiles.write(out.resolve(Manifest.FILE_NAME), o -> o.write(json.getBytes(StandardCharsets.UTF_8)));
    return new Derived(out, manifest, inputExamples - all.size());
  }

  /** Refuses to write over an input, or into a folder holding anything but an earlier dataset. */
  private static void checkOutput(List<DatasetFolder> ins, Path out) throws IOException {
    Path target = out.toAbsolutePath().normalize();
    for (DatasetFolder in : ins) {
      if (in.dir().toAbsolutePath().normalize().equals(target)) {
        throw new IllegalArgumentException("the output folder " + out + " is an input; choose another with --out");
      }
    }
    if (Files.isDirectory(out) && !Files.exists(out.resolve(Manifest.FILE_NAME))) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "the output folder " + out + " is not empty and holds no dataset; choose an empty or new folder");
        }
      }
    } else if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("the output " + out + " is a file, not a folder");
    }
  }

  /** The export formats a dataset's files are in. */
  public static List<ExportFormat> formatsOf(DatasetFolder folder) {
    Set<ExportFormat> formats = EnumSet.noneOf(ExportFormat.class);
    for (FileEntry file : folder.manifest().files()) {
      Arrays.stream(ExportFormat.values()).filter(f -> f.name().equals(file.format())).forEach(formats::add);
    }
    return List.copyOf(formats);
  }

  /** Tokens of an example without a system message, cl100k_base, as OpenAI's data-prep notebook counts them. */
  public static int tokens(DatasetSample sample) {
    return TOKENS.chat(null, sample.turns());
  }

  static String lastAssistant(DatasetSample sample) {
    List<ChatTurn> turns = sample.turns();
    for (int i = turns.size() - 1; i >= 0; i--) {
      if (DatasetSample.ASSISTANT.equals(turns.get(i).role())) {
        return Objects.requireNonNullElse(turns.get(i).content(), "");
      }
    }
    return "";
  }

  private static String firstUser(DatasetSample sample) {
    return sample.turns().stream()
        .filter(t -> DatasetSample.USER.equals(t.role()))
        .map(t -> Objects.requireNonNullElse(t.content(), ""))
        .findFirst()
        .orElse("");
  }

  private static String fingerprint(DatasetSample sample) {
    String text = sample.turns().stream()
        .map(t -> t.role() + ":" + Objects.requireNonNullElse(t.content(), "").toLowerCase(Locale.ROOT)
            .replaceAll("\\s+", " ").trim())
        .collect(Collectors.joining("\u0000"));
    return Ids.sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Integer> countBy(List<DatasetSample> samples, Function<DatasetSample,
      String> key) {
    Map<String, Integer> counts = new TreeMap<>();
    samples.forEach(s -> counts.merge(key.apply(s), 1, Integer::sum));
    return counts;
  }

  static Analysis.Distribution distribution(
      List<DatasetSample> samples, ToDoubleFunction<DatasetSample> value, boolean histogram) {
    double[] values = samples.stream().mapToDouble(value).sorted().toArray();
    Map<String, Integer> buckets = new LinkedHashMap<>();
    if (values.length == 0) {
      return new Analysis.Distribution(0, 0, 0, 0, 0, 0, 0, 0, 0, buckets);
    }
    if (histogram) {
      double max = values[values.length - 1];
      for (long bound = 32; ; bound *= 2) {
        long upper = bound;
        long lower = bound == 32 ? Long.MIN_VALUE : bound / 2;
        buckets.put("≤ " + upper, (int) Arrays.stream(values).filter(v -> v > lower && v <= upper).count());
        if (upper >= max) {
          break;
        }
      }
    }
    double mean = Arrays.stream(values).average().orElse(0);
    return new Analysis.Distribution(
        values.length, values[0], rank(values, 0.25), rank(values, 0.5), rank(values, 0.75), rank(values, 0.9),
        rank(values, 0.99), values[values.length - 1], Math.round(mean * 100) / 100.0, buckets);
  }

  /** Nearest-rank percentile. */
  private static double rank(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static List<String> inputs(List<DatasetFolder> ins) {
    return ins.stream()
        .map(in -> in.manifest().datasetId() == null ? in.dir().toString() : in.manifest().datasetId())
        .toList();
  }

  private static String datasetId(Manifest.Derivation derivation, List<FileEntry> files) {
    List<Object> parts = new ArrayList<>(List.of(derivation.operation(), derivation.parameters()));
    parts.addAll(derivation.inputs());
    files.forEach(f -> parts.add(f.name() + ":" + f.sha256()));
    return Ids.derive("dataset", parts.toArray());
  }

  /** The latest input's, so that the same command on the same inputs writes the same manifest. */
  private static Instant createdAt(List<DatasetFolder> ins) {
    return ins.stream()
        .map(in -> in.manifest().createdAt())
        .filter(Objects::nonNull)
        .max(Comparator.naturalOrder())
        .orElse(Instant.EPOCH);
  }

  /** What it cost to make the inputs, summed per model. */
  private static List<Manifest.ModelCost> models(List<DatasetFolder> ins) {
    Map<String, Manifest.ModelCost> byModel = new TreeMap<>();
    for (DatasetFolder in : ins) {
      List<Manifest.ModelCost> models = in.manifest().models() == null ? List.of() : in.manifest().models();
      for (Manifest.ModelCost m : models) {
        byModel.merge(m.model() + "\u0000" + m.generator(), m, (a, b) -> new Manifest.ModelCost(
            a.model(), a.generator(), a.samples() + b.samples(), a.promptTokens() + b.promptTokens(),
            a.completionTokens() + b.completionTokens(), a.costUsd() + b.costUsd()));
      }
    }
    return List.copyOf(byModel.values());
  }

  /** The inputs' sources with their counts in this dataset; sources of inputs without any derived from the papers. */
  private static List<Manifest.Source> sources(List<DatasetFolder> ins, Map<Split, List<DatasetSample>> splits) {
    Map<String, List<DatasetSample>> byPaper = new HashMap<>();
    Map<String, Set<Split>> splitsOf = new HashMap<>();
    splits.forEach((split, samples) -> samples.forEach(s -> {
      byPaper.computeIfAbsent(s.paperId(), k -> new ArrayList<>()).add(s);
      splitsOf.computeIfAbsent(s.paperId(), k -> EnumSet.noneOf(Split.class)).add(split);
    }));
    List<Manifest.Source> sources = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (DatasetFolder in : ins) {
      for (Manifest.Source s : in.manifest().sources() == null ? List.<Manifest.Source>of() : in.manifest().sources()) {
        listed.add(s.paperId());
        sources.add(recount(s, s.paperId(), byPaper, splitsOf));
      }
    }
    new TreeMap<>(byPaper).forEach((paperId, samples) -> {
      if (!listed.contains(paperId)) {
        DatasetSample first = samples.get(0);
        sources.add(recount(new Manifest.Source(first.sourceFile(), "accepted", null, paperId, first.paperTitle(),
            null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "none"), paperId, byPaper, splitsOf));
      }
    });
    return sources;
  }

  private static Manifest.Source recount(
      Manifest.Source s, String paperId, Map<String, List<DatasetSample>> byPaper, Map<String, Set<Split>> splitsOf) {
    List<DatasetSample> samples = paperId == null ? List.of() : byPaper.getOrDefault(paperId, List.of());
    int extracted = (int) samples.stream().filter(x -> x.origin() == SampleOrigin.EXTRACTED).count();
    Set<Split> in = paperId == null ? Set.of() : splitsOf.getOrDefault(paperId, Set.of());
    String split = in.isEmpty() ? "none" : in.size() > 1 ? "mixed" : in.iterator().next().label();
    return new Manifest.Source(
        s.file(), s.status(), s.reason(), s.paperId(), s.title(), s.mediaType(), s.bytes(), s.segments(),
        s.extractedPairs(), s.planned(), s.received(), s.accepted(), s.rejected(), s.failed(), samples.size(),
        samples.size() - extracted, extracted, split);
  }

  private static int size(Map<Split, List<DatasetSample>> splits, Split split) {
    return splits.getOrDefault(split, List.of()).size();
  }
}
