package dev.distillery.training;

import java.time.Instant;

/**
 * One QLoRA fine-tune of one exported dataset: what it trains on, with which settings, and the manifests that
 * run it.
 *
 * @param id deterministic: derived from the dataset id, so a dataset is trained once however often it is asked
 * @param validationFile null when the dataset has no validation split
 * @param outputDir where axolotl writes the adapter, on the datasets volume
 * @param manifests null until rendered
 */
public record Training(
    String id,
    String runId,
    String datasetId,
    String datasetLocation,
    String trainFile,
    String validationFile,
    TrainingStatus status,
    String baseModel,
    String chatTemplate,
    LoraSettings lora,
    Quantization quantization,
    int epochs,
    double learningRate,
    int microBatchSize,
    int gradientAccumulationSteps,
    int sequenceLen,
    String optimizer,
    String lrScheduler,
    String outputDir,
    String namespace,
    String jobName,
    Manifests manifests,
    Instant requestedAt) {

  public Training withManifests(Manifests rendered) {
    return new Training(
        id, runId, datasetId, datasetLocation, trainFile, validationFile, status, baseModel, chatTemplate, lora,
        quantization, epochs, learningRate, microBatchSize, gradientAccumulationSteps, sequenceLen, optimizer,
        lrScheduler, outputDir, namespace, jobName, rendered, requestedAt);
  }
}
