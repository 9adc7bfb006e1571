package dev.distillery.training.service;

import dev.distillery.contracts.Ids;
import dev.distillery.contracts.InvalidEventException;
import dev.distillery.contracts.TrainingRequested;
import dev.distillery.training.LoraSettings;
import dev.distillery.training.Quantization;
import dev.distillery.training.Training;
import dev.distillery.training.TrainingStatus;
import dev.distillery.training.config.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns a training request into a training job: the configured settings applied to the requested dataset. */
@ApplicationScoped
public class TrainingPlanner {
  static final String JOB_NAME_PREFIX = "distillery-train-";

  @Inject TrainingConfig config;

  /**
   * @throws InvalidEventException when the dataset has nothing to train on: asking again cannot change that
   */
  public Training plan(TrainingRequested request) {
    if (request.trainExamples() <= 0) {
      throw new InvalidEventException(
          "training.requested for dataset " + request.datasetId() + " has no training examples: nothing to train on");
    }
    String id = Ids.derive("training", request.datasetId());
    TrainingConfig.Lora lora = config.lora();
    TrainingConfig.Quantization quantization = config.quantization();
    return new Training(
        id,
        request.runId(),
        request.datasetId(),
        request.datasetLocation(),
        onVolume(request.trainFile()),
        request.validationFile() == null || request.validationFile().isBlank()
            ? null
            : onVolume(request.validationFile()),
        TrainingStatus.RENDERED,
        config.baseModel(),
        config.chatTemplate(),
        new LoraSettings(lora.r(), lora.alpha(), lora.dropout(), lora.targetModules()),
        new Quantization(true, quantization.quantType(), quantization.doubleQuant(), quantization.computeDtype()),
        config.epochs(),
        config.learningRate(),
        config.microBatchSize(),
        config.gradientAccumulationSteps(),
        config.sequenceLen(),
        config.optimizer(),
        config.lrScheduler(),
        mountPath() + "/trainings/" + id,
        config.job().namespace(),
        JOB_NAME_PREFIX + id,
        null,
        request.producedAt());
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
