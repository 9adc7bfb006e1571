package dev.distillery.training.service;

import dev.distillery.contracts.Ids;
import dev.distillery.contracts.InvalidEventException;
import dev.distillery.contracts.TrainingRequested;
import dev.distillery.contracts.TrainingState;
import dev.distillery.training.DatasetFormat;
import dev.distillery.training.Engine;
import dev.distillery.training.Hyperparameters;
import dev.distillery.training.LoraSettings;
import dev.distillery.training.Quantization;
import dev.distillery.training.Training;
import dev.distillery.training.WorkloadKind;
import dev.distillery.training.config.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns a training request into a training job: the configured settings applied to the requested dataset. */
@ApplicationScoped
public class TrainingPlanner {
  static final String JOB_NAME_PREFIX = "distillery-train-";

  @Inject TrainingConfig config;

  /**
   * What a caller may choose instead of the configured defaults; null fields take the default.
   */
  public record Choices(Engine engine, WorkloadKind workload, String baseModel) {
    public static final Choices DEFAULTS = new Choices(null, null, null);

    boolean isDefault() {
      return engine == null && workload == null && baseModel == null;
    }
  }

  public Training plan(TrainingRequested request) {
    return plan(request, Choices.DEFAULTS);
  }

  /**
   * @throws InvalidEventException when the dataset has nothing to train on: asking again cannot change that
   */
  public Training plan(TrainingRequested request, Choices choices) {
    if (request.trainExamples() <= 0) {
      throw new InvalidEventException(
          "training.requested for dataset " + request.datasetId() + " has no training examples: nothing to train on");
    }
    // the defaults keep the id of the event-driven job, so asking again over REST finds it instead of a twin
    String id =
        choices.isDefault()
            ? Ids.derive("training", request.datasetId())
            : Ids.derive(
                "training",
                request.datasetId() + "|" + choices.engine() + "|" + choices.workload() + "|" + choices.baseModel());
    TrainingConfig.Lora lora = config.lora();
    TrainingConfig.Quantization quantization = config.quantization();
    DatasetFormat format = config.datasetFormat();
    String validation =
        request.validationFile() == null || request.validationFile().isBlank() ? null : request.validationFile();
    return new Training(
        id,
        request.runId(),
        request.datasetId(),
        request.datasetLocation(),
        onVolume(inFormat(request.trainFile(), format, "train")),
        validation == null ? null : onVolume(inFormat(validation, format, "validation")),
        format,
        choices.engine() == null ? config.engine() : choices.engine(),
        choices.workload() == null ? config.workload() : choices.workload(),
        choices.baseModel() == null || choices.baseModel().isBlank() ? config.baseModel() : choices.baseModel(),
        config.chatTemplate(),
        new LoraSettings(lora.r(), lora.alpha(), lora.dropout(), lora.targetLinear(), lora.targetModules()),
        new Quantization(true, quantization.quantType(), quantization.doubleQuant(), quantization.computeDtype()),
        new Hyperparameters(
            config.epochs(),
            config.learningRate(),
            config.microBatchSize(),
            config.gradientAccumulationSteps(),
            config.sequenceLen(),
            config.optimizer(),
            config.lrScheduler(),
            config.samplePacking(),
            config.valSetSize()),
        mountPath() + "/trainings/" + id,
        config.job().namespace(),
        1,
        null,
        workloadName(id, 1),
        null,
        TrainingState.QUEUED,
        null,
        0,
        null,
        false,
        request.producedAt());
  }

  /** Each attempt gets its own workload, so a retry never collides with the remains of the one before. */
  static String workloadName(String trainingId, int attempt) {
    return JOB_NAME_PREFIX + trainingId + (attempt == 1 ? "" : "-r" + attempt);
  }

  /**
   * The export-service writes every format next to the chat file it names in the request, as
   * {@code <format>.<split>.<extension>}.
   */
  private static String inFormat(String chatFile, DatasetFormat format, String split) {
    if (format == DatasetFormat.OPENAI_CHAT) {
      return chatFile;
    }
    int slash = chatFile.lastIndexOf('/');
    return chatFile.substring(0, slash + 1) + "alpaca." + split + ".json";
  }

  /**
   * The path under which the training pod sees a dataset file: below the export root it is rebased onto the
   * volume's mount path, and a relative path is taken as relative to the mount path.
   */
  String onVolume(String path) {
    String mapped =
        config.storage().exportRoot()
            .map(TrainingPlanner::withoutTrailingSlash)
            .filter(root -> path.equals(root) || path.startsWith(root + "/"))
            .map(root -> mountPath() + path.substring(root.length()))
            .orElse(path);
    return mapped.startsWith("/") ? mapped : mountPath() + "/" + mapped;
  }

  private String mountPath() {
    return withoutTrailingSlash(config.storage().mountPath());
  }

  static String withoutTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
