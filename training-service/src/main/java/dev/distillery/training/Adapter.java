package dev.distillery.training;

import java.time.Instant;
import java.util.List;

/**
 * A trained LoRA adapter and where it came from.
 *
 * @param location directory on the datasets volume holding the adapter weights
 * @param finalLoss last training loss the trainer reported; null when it reported none
 * @param finalEvalLoss last evaluation loss; null without a validation split
 * @param paperIds the papers behind the dataset when known; empty otherwise
 */
public record Adapter(
    String id,
    String trainingId,
    String runId,
    String datasetId,
    String baseModel,
    Engine engine,
    String location,
    Long steps,
    Double epoch,
    Double finalLoss,
    Double finalEvalLoss,
    List<String> paperIds,
    Instant createdAt) {
  public Adapter {
    paperIds = List.copyOf(paperIds);
  }
}
