package dev.distillery.cli;

import dev.distillery.cli.client.IngestClient;
import dev.distillery.cli.client.IngestException;
import dev.distillery.cli.client.RunView;
import dev.distillery.cli.stack.LocalStack;
import dev.distillery.cli.stack.StackSettings;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.GenerationMode;
import dev.distillery.contracts.GenerationSettings;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.TaskType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code distillery run [FOLDER]}: starts the local stack, turns every document of the folder into samples,
 * waits for the export, and prints the dataset directory as the last line of standard output.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Turns a folder of documents into an instruction-tuning dataset.",
      "Starts a local stack (Kafka, PostgreSQL, the five services), ingests every file of FOLDER (PDF, DOCX, PPTX, "
          + "HTML, EPUB, Markdown, text — told apart by content), waits until the run is exported and prints the "
          + "dataset directory as the last line of standard output. Files that are not usable documents are listed "
          + "with the reason in the dataset's manifest.json. Progress goes to standard error."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the dataset was exported",
      "1:the run failed or timed out (the message names the log to read)",
      "2:bad command line or input folder"
    })
final class RunCommand implements Callable<Integer> {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Parameters(
      arity = "0..1",
      paramLabel = "FOLDER",
      description = "Folder of documents. Default: samples/papers/ of the Distillery home.")
  Path folder;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Name of the run. Default: the folder name and the time, e.g. papers-20261123-140312.")
  String name;

  @Option(names = "--samples-per-segment", paramLabel = "N",
      description = "Prompts planned per segment, 1.." + RunConfig.MAX_SAMPLES_PER_SEGMENT
          + ". Default: one per instruction type.")
  Integer samplesPerSegment;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "hybrid",
      converter = ModeConverter.class,
      description = "create: generate every sample; identify: only keep the Q&A pairs found in the documents (no LLM "
          + "call); hybrid: keep those and generate the rest. Default: ${DEFAULT-VALUE}.")
  GenerationMode mode;

  @Option(names = "--target", paramLabel = "N",
      description = "Hybrid mode: samples wanted per document, the Q&A pairs found in it included "
          + "(e.g. 40 with 16 found → 16 kept + 24 generated). Default: no target, every segment is generated from.")
  Integer targetPerPaper;

  @Option(names = "--formats", paramLabel = "LIST", converter = FormatsConverter.class,
      description = "Export formats, comma-separated: openai, alpaca, bedrock, vertex, mistral, chatml, sharegpt, hf, "
          + "llama-factory, csv, or all. Default: openai,alpaca.")
  List<ExportFormat> formats;

  @Option(names = "--task-types", paramLabel = "LIST", split = ",",
      description = "Instruction types to generate, comma-separated, e.g. qa,summary,code. Default: "
          + "concept_explanation,code_implementation,problem_analysis,comparative_analysis.")
  List<String> taskTypes;

  @Option(names = "--model", paramLabel = "KEY",
      description = "Model from the generation-service's model table. Default: the service's default model (the "
          + "offline generator when no API key is set).")
  String model;

  @Option(names = "--budget", paramLabel = "USD",
      description = "Spending cap for the run in US dollars; generation stops sending requests when it is reached.")
  Double budgetUsd;

  @Option(names = "--validation-share", paramLabel = "SHARE", defaultValue = "0.1",
      description = "Share of papers held out as the validation split, 0..0.5. Default: ${DEFAULT-VALUE}.")
  double validationShare;

  @Option(names = "--request-training",
      description = "Also ask the training-service for a fine-tuning job on the dataset.")
  boolean requestTraining;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where datasets are written, one directory per run. Default: datasets/ of the Distillery home.")
  Path dataDir;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Broker and database files and the logs of the stack. Default: .distillery/ of the Distillery "
          + "home.")
  Path workDir;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
      description = "How long to wait for the dataset once the papers are in, e.g. 90s, 10m, 1h. "
          + "Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path home = DistilleryHome.locate();
    Path source = (folder == null ? home.resolve("samples/papers") : folder).toAbsolutePath().normalize();
    List<Path> papers = PaperFolder.papers(source);
    RunConfig config = runConfig();
    String runName = name == null || name.isBlank() ? defaultName(source) : name;
    PrintWriter err = spec.commandLine().getErr();
    StackSettings settings = new StackSettings(
        home,
        workDir == null ? home.resolve(".distillery") : workDir,
        dataDir == null ? home.resolve("datasets") : dataDir,
        StackSettings.DEFAULT_START_TIMEOUT,
        Map.of());
    try (LocalStack stack = LocalStack.start(settings, line -> say(err, line))) {
      try {
        Path dataset = distill(new IngestClient(stack.ingestUrl()), runName, config, source, papers, stack);
        spec.commandLine().getOut().println(dataset);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      } catch (IngestException | RunFailedException e) {
        if (stack.isClosed()) {
          throw new RunFailedException("interrupted; the local stack was stopped");
        }
        throw e;
      }
    }
  }

  private Path distill(
      IngestClient ingest, String runName, RunConfig config, Path source, List<Path> papers, LocalStack stack) {
    PrintWriter err = spec.commandLine().getErr();
    Instant began = Instant.now();
    String runId = ingest.createRun(runName, config);
    say(err, "run " + runId + " (" + runName + "): adding " + papers.size() + " papers from " + source);
    int added = 0;
    for (Path paper : papers) {
      try {
        ingest.addPaper(runId, paper);
        added++;
      } catch (IngestException e) {
        if (e.status() / 100 != 4) {
          throw e;
        }
        say(err, "skipped " + paper.getFileName() + ": " + e.getMessage());
      }
    }
    if (added == 0) {
      throw new RunFailedException("the ingest-service accepted none of the papers of " + source);
    }
    ingest.closeRun(runId);
    RunView exported = follow(ingest, runId, began, stack);
    Path location = stack.dataDir().resolve(exported.dataset().location()).toAbsolutePath().normalize();
    new RunSummary(err).print(exported, runName, location, Duration.between(began, Instant.now()));
    return location;
  }

  private RunView follow(IngestClient ingest, String runId, Instant began, LocalStack stack) {
    ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), Ansi.AUTO);
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      RunView run = ingest.run(runId);
      progress.report(run, Duration.between(began, Instant.now()));
      if (run.exported()) {
        return run;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new RunFailedException("run " + runId + " was not exported within " + DurationConverter.format(timeout)
            + " (last: " + progress.lastLine() + "); the services' logs are in " + stack.logFile("ingest-service")
            .getParent());
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunFailedException("interrupted while waiting for run " + runId);
      }
    }
  }

  private RunConfig runConfig() {
    if (samplesPerSegment != null && (samplesPerSegment < 1 || samplesPerSegment > RunConfig.MAX_SAMPLES_PER_SEGMENT)) {
      throw new BadInputException("--samples-per-segment must be between 1 and " + RunConfig.MAX_SAMPLES_PER_SEGMENT
          + ", was " + samplesPerSegment);
    }
    try {
      GenerationSettings generation =
          new GenerationSettings(model, null, 0, 0, budgetUsd == null ? 0 : budgetUsd, null, 0, null);
      return new RunConfig(
          taskTypes(), samplesPerSegment == null ? 0 : samplesPerSegment, formats, validationShare, requestTraining,
          mode, targetPerPaper == null ? 0 : targetPerPaper, generation);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  private List<TaskType> taskTypes() {
    if (taskTypes == null) {
      return null;
    }
    List<TaskType> types = new ArrayList<>();
    for (String name : taskTypes) {
      try {
        types.add(TaskType.valueOf(name.trim().replace('-', '_').toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--task-types: unknown type '" + name.trim() + "'; known: "
            + Arrays.stream(TaskType.values()).map(t -> t.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
      }
    }
    return types;
  }

  private static String defaultName(Path source) {
    Path fileName = source.getFileName();
    return (fileName == null ? "run" : fileName.toString()) + "-" + LocalDateTime.now().format(NAME_TIME);
  }

  /** {@code create}, {@code identify}, {@code hybrid}, in any case. */
  static final class ModeConverter implements ITypeConverter<GenerationMode> {
    @Override
    public GenerationMode convert(String value) {
      try {
        return GenerationMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "unknown mode '" + value + "'; known: create, identify, hybrid");
      }
    }
  }

  private static void say(PrintWriter err, String line) {
    err.println(line);
    err.flush();
  }
}
