package dev.distillery.training;

import dev.distillery.contracts.TrainingProgress;
import dev.distillery.contracts.TrainingState;
import java.time.Instant;

/** One status a training job went through, as it was published on {@code training.status}. */
public record StatusChange(
    long sequence, int attempt, TrainingState state, String reason, TrainingProgress progress, Instant changedAt) {}
