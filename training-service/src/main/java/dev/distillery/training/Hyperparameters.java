package dev.distillery.training;

/**
 * How the adapter is optimised.
 *
 * @param gradientAccumulationSteps micro-batches summed before each optimiser step
 * @param samplePacking pack several short examples into one sequence, so short chat samples do not waste the GPU
 *     on padding
 * @param valSetSize share of the training file held out for evaluation when the dataset has no validation split
 */
public record Hyperparameters(
    int epochs,
    double learningRate,
    int microBatchSize,
    int gradientAccumulationSteps,
    int sequenceLen,
    String optimizer,
    String lrScheduler,
    boolean samplePacking,
    double valSetSize) {}
