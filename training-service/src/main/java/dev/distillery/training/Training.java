package dev.distillery.training;

import dev.distillery.contracts.TrainingProgress;
import dev.distillery.contracts.TrainingState;
import java.time.Instant;

/**
 * One QLoRA fine-tune of one exported dataset: what it trains on, with which settings, the manifests that run it,
 * and where it is now.
 *
 * @param id deterministic: derived from the dataset id, so a dataset is trained once however often it is asked
 * @param validationFile null when the dataset has no validation split
 * @param outputDir where the trainer writes checkpoints and the adapter, on the datasets volume
 * @param attempt 1 for the first run; a retry is the next attempt and resumes from the last checkpoint
 * @param resumeFrom checkpoint directory a retry resumes from when one was named; null to take the newest one
 *     in the output directory (retries) or none (first attempt)
 * @param workloadName name of the Job or TrainJob of the current attempt
 * @param manifests null until rendered
 * @param reason why the job is in its state, in words; null when there is nothing to say
 * @param sequence counts the status changes; the n-th change is published as event {@code <id>/<n>}
 * @param progress the trainer's latest report; null before the first
 * @param dryRun rendered only: no cluster, or submission switched off
 */
public record Training(
    String id,
    String runId,
    String datasetId,
    String datasetLocation,
    String trainFile,
    String validationFile,
    DatasetFormat datasetFormat,
    Engine engine,
    WorkloadKind workloadKind,
    String baseModel,
    String chatTemplate,
    LoraSettings lora,
    Quantization quantization,
    Hyperparameters hyperparameters,
    String outputDir,
    String namespace,
    int attempt,
    String resumeFrom,
    String workloadName,
    Manifests manifests,
    TrainingState state,
    String reason,
    long sequence,
    TrainingProgress progress,
    boolean dryRun,
    Instant requestedAt) {

  public Training withManifests(Manifests rendered) {
    return new Training(
        id, runId, datasetId, datasetLocation, trainFile, validationFile, datasetFormat, engine, workloadKind,
        baseModel, chatTemplate, lora, quantization, hyperparameters, outputDir, namespace, attempt, resumeFrom,
        workloadName, rendered, state, reason, sequence, progress, dryRun, requestedAt);
  }

  /** The status a job starts in, before any change (sequence unchanged). */
  public Training startingAs(TrainingState initialState, String initialReason) {
    return new Training(
        id, runId, datasetId, datasetLocation, trainFile, validationFile, datasetFormat, engine, workloadKind,
        baseModel, chatTemplate, lora, quantization, hyperparameters, outputDir, namespace, attempt, resumeFrom,
        workloadName, manifests, initialState, initialReason, sequence, progress, dryRun, requestedAt);
  }

  /** The next status change: its sequence is one more than this one's. */
  public Training withStatus(TrainingState newState, String newReason, TrainingProgress newProgress) {
    return new Training(
        id, runId, datasetId, datasetLocation, trainFile, validationFile, datasetFormat, engine, workloadKind,
        baseModel, chatTemplate, lora, quantization, hyperparameters, outputDir, namespace, attempt, resumeFrom,
        workloadName, manifests, newState, newReason, sequence + 1, newProgress, dryRun, requestedAt);
  }

  /** The next attempt, queued under its own workload name; the manifests are rendered afresh for it. */
  public Training nextAttempt(String checkpoint, String nextWorkloadName) {
    return new Training(
        id, runId, datasetId, datasetLocation, trainFile, validationFile, datasetFormat, engine, workloadKind,
        baseModel, chatTemplate, lora, quantization, hyperparameters, outputDir, namespace, attempt + 1, checkpoint,
        nextWorkloadName, null, state, reason, sequence, progress, dryRun, requestedAt);
  }

  public Training asDryRun(boolean dry) {
    return new Training(
        id, runId, datasetId, datasetLocation, trainFile, validationFile, datasetFormat, engine, workloadKind,
        baseModel, chatTemplate, lora, quantization, hyperparameters, outputDir, namespace, attempt, resumeFrom,
        workloadName, manifests, state, reason, sequence, progress, dry, requestedAt);
  }

  /** The name of the ConfigMap holding the trainer files of the current attempt. */
  public String configMapName() {
    return workloadName + "-config";
  }
}
