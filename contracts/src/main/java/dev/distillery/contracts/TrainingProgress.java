package dev.distillery.contracts;

/**
 * A trainer's latest report. Fields the trainer did not report are null.
 *
 * @param etaSeconds estimated seconds to the end of training
 */
public record TrainingProgress(
    Long step, Long totalSteps, Double epoch, Double loss, Double learningRate, Double evalLoss, Long etaSeconds) {}
