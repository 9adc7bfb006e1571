package dev.distillery.training.service;

import dev.distillery.contracts.TrainingState;

/**
 * What the cluster says about a workload.
 *
 * @param reason in words, e.g. why it waits or why it failed
 */
public record WorkloadObservation(TrainingState state, String reason) {}
