package dev.distillery.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.SampleOrigin;
import dev.distillery.contracts.TaskType;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Json;
import dev.distillery.export.dataset.Manifest;
import dev.distillery.export.dataset.Split;
import dev.distillery.export.dataset.SplitOptions;
import dev.distillery.export.format.DatasetFolder;
import dev.distillery.export.tools.Analysis;
import dev.distillery.export.tools.DatasetTools;
import dev.distillery.export.tools.SampleFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code distillery dataset analyze|preview|filter|merge|convert}: the dataset tools, on exported dataset folders
 * (a {@code manifest.json} beside a {@code samples.jsonl}), in this process: no service, broker or database runs.
 * Filter, merge and convert write a new dataset folder and print it as the last line of standard output.
 */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Looks into, filters, merges and converts exported datasets, without starting anything.",
    subcommands = {
      DatasetCommand.Analyze.class,
      DatasetCommand.Preview.class,
      DatasetCommand.Filter.class,
      DatasetCommand.Merge.class,
      DatasetCommand.Convert.class,
      HelpCommand.class
    })
final class DatasetCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "missing command: try 'distillery dataset analyze DIR' (or preview, filter, merge, convert)");
  }

  @Command(name = "analyze", mixinStandardHelpOptions = true,
      description = "Counts by split, task type, source and origin; token, length and score distributions.")
  static final class Analyze implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "An exported dataset folder.")
    Path dir;

    @Option(names = "--json", description = "Print the analysis as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Analysis a = DatasetTools.analyze(read(dir));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(toJson(a));
      } else {
        out.printf("dataset %s (run %s): %d examples, %d multi-turn%n", a.datasetId(), a.runId(), a.examples(),
            a.multiTurn());
        printCounts(out, "splits", a.splits());
        printCounts(out, "task types", a.taskTypes());
        printCounts(out, "origins", a.origins());
        printCounts(out, "sources", a.sources());
        printDistribution(out, "tokens per example (cl100k_base)", a.tokens(), "%.0f");
        printDistribution(out, "instruction characters", a.instructionChars(), "%.0f");
        printDistribution(out, "output characters", a.outputChars(), "%.0f");
        printDistribution(out, "scores", a.scores(), "%.2f");
        if (!a.leftOut().isEmpty()) {
          printCounts(out, "left out of a format", a.leftOut());
        }
        a.warnings().forEach(w -> out.println("warning: " + w));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "preview", mixinStandardHelpOptions = true, description = "Shows the first N examples.")
  static final class Preview implements Callable<Integer> {
    private static final int SHOWN_CHARS = 400;

    @Parameters(paramLabel = "DIR", description = "An exported dataset folder.")
    Path dir;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "5",
        description = "How many examples. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--split", paramLabel = "SPLIT", description = "Only this split: train, validation or test.")
    String split;

    @Option(names = "--full", description = "Show whole texts instead of their first " + SHOWN_CHARS + " characters.")
    boolean full;

    @Option(names = "--json", description = "Print the examples as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Split only = split == null ? null : badInput(() -> Split.ofLabel(split));
      List<DatasetTools.Preview> previews = badInput(() -> DatasetTools.preview(read(dir), count, only));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(toJson(previews));
      } else {
        for (DatasetTools.Preview p : previews) {
          DatasetSample s = p.sample();
          out.printf("[%s] %s  %s, %s, score %.2f, %s%n", p.split(), s.sampleId(), s.taskType(), s.origin(),
              s.score(), s.sourceKey());
          for (ChatTurn turn : s.turns()) {
            out.printf("  %-11s %s%n", turn.role() + ":", shorten(turn.content()));
          }
          out.println();
        }
      }
      out.flush();
      return ExitCodes.OK;
    }

    private String shorten(String text) {
      String oneLine = text == null ? "" : text.replace("\n", " ⏎ ");
      return full || oneLine.length() <= SHOWN_CHARS ? oneLine : oneLine.substring(0, SHOWN_CHARS) + " …";
    }
  }

  @Command(name = "filter", mixinStandardHelpOptions = true,
      description = "Writes a new dataset with the examples that match every bound given, each in its split.")
  static final class Filter implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "An exported dataset folder.")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder of the new dataset.")
    Path out;

    @Option(names = "--min-score", paramLabel = "SCORE") Double minScore;

    @Option(names = "--max-score", paramLabel = "SCORE") Double maxScore;

    @Option(names = "--min-tokens", paramLabel = "N", description = "Tokens per example, cl100k_base.")
    Integer minTokens;

    @Option(names = "--max-tokens", paramLabel = "N") Integer maxTokens;

    @Option(names = "--min-output-chars", paramLabel = "N") Integer minOutputChars;

    @Option(names = "--max-output-chars", paramLabel = "N") Integer maxOutputChars;

    @Option(names = "--task-type", paramLabel = "TYPE", split = ",",
        description = "Keep only these task types, e.g. qa,summary.")
    List<String> taskTypes = List.of();

    @Option(names = "--source", paramLabel = "FILE", split = ",", description = "Keep only these source files.")
    List<String> sources = List.of();

    @Option(names = "--origin", paramLabel = "ORIGIN", split = ",", description = "generated or extracted.")
    List<String> origins = List.of();

    @Option(names = "--formats", paramLabel = "LIST", converter = FormatsConverter.class,
        description = "Formats of the new dataset. Default: those of DIR.")
    List<ExportFormat> formats;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      SampleFilter filter = badInput(() -> new SampleFilter(minScore, maxScore, minTokens, maxTokens, minOutputChars,
          maxOutputChars, names(taskTypes, TaskType::valueOf, "task type", TaskType.values()), Set.copyOf(sources),
          names(origins, SampleOrigin::valueOf, "origin", SampleOrigin.values())));
      DatasetFolder in = read(dir);
      return printDerived(spec, badInput(() -> DatasetTools.filter(in, filter, formats, out)));
    }
  }

  @Command(name = "merge", mixinStandardHelpOptions = true,
      description = "Writes one dataset from several, duplicates left out, split afresh so no paper is in two splits.")
  static final class Merge implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "2..*", description = "Two or more exported dataset folders.")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder of the merged dataset.")
    Path out;

    @Option(names = "--validation-share", paramLabel = "SHARE", defaultValue = "0.1",
        description = "Default: ${DEFAULT-VALUE}.")
    double validationShare;

    @Option(names = "--test-share", paramLabel = "SHARE", defaultValue = "0", description = "Default: no test split.")
    double testShare;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--split-by", paramLabel = "paper|source", defaultValue = "paper",
        description = "paper: whole papers held out; source: every source file's share (±1). Default: "
            + "${DEFAULT-VALUE}.")
    String splitBy;

    @Option(names = "--formats", paramLabel = "LIST", converter = FormatsConverter.class,
        description = "Formats of the merged dataset. Default: every format of the inputs.")
    List<ExportFormat> formats;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      SplitOptions.Strategy strategy = names(List.of(splitBy), SplitOptions.Strategy::valueOf, "--split-by",
          SplitOptions.Strategy.values()).iterator().next();
      SplitOptions split = badInput(() -> new SplitOptions(strategy, seed, validationShare, testShare));
      List<DatasetFolder> ins = dirs.stream().map(DatasetCommand::read).toList();
      return printDerived(spec, badInput(() -> DatasetTools.merge(ins, split, formats, out)));
    }
  }

  @Command(name = "convert", mixinStandardHelpOptions = true,
      description = "Writes the same examples and splits in other formats, each checked against its provider's rules.")
  static final class Convert implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "An exported dataset folder.")
    Path dir;

    @Option(names = "--formats", paramLabel = "LIST", required = true, converter = FormatsConverter.class,
        description = "openai, alpaca, bedrock, vertex, mistral, chatml, sharegpt, hf, llama-factory, csv, or all.")
    List<ExportFormat> formats;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder of the new dataset.")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      DatasetFolder in = read(dir);
      return printDerived(spec, badInput(() -> DatasetTools.convert(in, formats, out)));
    }
  }

  /** What a derived dataset holds on standard error, its folder as the last line of standard output. */
  private static int printDerived(CommandSpec spec, DatasetTools.Derived derived) {
    PrintWriter err = spec.commandLine().getErr();
    Manifest.Counts c = derived.manifest().counts();
    err.printf("%s: %d examples (%d train, %d validation, %d test), %d of the input's left out%n",
        derived.manifest().derivedFrom().operation(), c.exported(), c.train(), c.validation(), c.test(),
        derived.removed());
    for (Manifest.FileEntry file : derived.manifest().files()) {
      err.printf("    %-40s %6d examples (%s)%n", file.name(), file.examples(), file.split());
    }
    Map<String, Long> leftOut = derived.manifest().leftOut().stream()
        .collect(Collectors.groupingBy(Manifest.LeftOut::format, TreeMap::new, Collectors.counting()));
    leftOut.forEach((format, n) -> err.printf("  %d left out of %s (see manifest.json leftOut)%n", n, format));
    derived.manifest().warnings().forEach(w -> err.println("  warning: " + w));
    err.flush();
    spec.commandLine().getOut().println(derived.location().toAbsolutePath().normalize());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  private static DatasetFolder read(Path dir) {
    return badInput(() -> DatasetFolder.read(dir));
  }

  /** Runs a step whose failures are the user's input: the message names the input and the reason. */
  private static <T> T badInput(IoStep<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    } catch (IOException e) {
      throw new BadInputException("cannot read or write the dataset: " + e.getMessage());
    }
  }

  private static <E extends Enum<E>> Set<E> names(List<String> names, Function<String, E> parse, String what,
      E[] known) {
    List<E> parsed = new ArrayList<>();
    for (String name : names) {
      try {
        parsed.add(parse.apply(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("unknown " + what + " '" + name + "'; known: "
            + Arrays.stream(known).map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
      }
    }
    return Set.copyOf(parsed);
  }

  private static String toJson(Object value) {
    try {
      return Json.PRETTY.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the analysis always serializes", e);
    }
  }

  private static void printCounts(PrintWriter out, String title, Map<String, Integer> counts) {
    out.println(title + ":");
    counts.forEach((name, n) -> out.printf("  %-40s %6d%n", name, n));
  }

  /** The summary line, then a bar per histogram bucket when there is a histogram. */
  private static void printDistribution(PrintWriter out, String title, Analysis.Distribution d, String number) {
    String line = "%s: min N, median N, p90 N, p99 N, max N, mean %.2f%n".replace("N", number);
    out.printf(Locale.ROOT, line, title, d.min(), d.median(), d.p90(), d.p99(), d.max(), d.mean());
    int widest = d.histogram().values().stream().mapToInt(Integer::intValue).max().orElse(1);
    d.histogram().forEach((bucket, n) -> out.printf("  %-8s %6d %s%n", bucket, n,
        "█".repeat((int) Math.round(30.0 * n / Math.max(1, widest)))));
  }

  @FunctionalInterface
  private interface IoStep<T> {
    T get() throws IOException;
  }
}
