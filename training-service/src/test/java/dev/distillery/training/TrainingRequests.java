package dev.distillery.training;

import dev.distillery.contracts.DatasetExported;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.ExportedFile;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.TrainingRequested;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Training requests as the export-service sends them, for a fresh dataset each time. */
public final class TrainingRequests {
  private TrainingRequests() {}

  public static TrainingRequested withValidation(String runId) {
    return request(runId, 40, 5);
  }

  public static TrainingRequested withoutValidation(String runId) {
    return request(runId, 40, 0);
  }

  public static TrainingRequested request(String runId, int trainExamples, int validationExamples) {
    String datasetId = UUID.randomUUID().toString();
    String location = "/data/exports/" + runId;
    List<ExportedFile> files = new ArrayList<>();
    files.add(file("openai-chat.train.jsonl", "train", trainExamples));
    if (validationExamples > 0) {
      files.add(file("openai-chat.validation.jsonl", "validation", validationExamples));
    }
    DatasetExported dataset =
        DatasetExported.of(runId, datasetId, location, trainExamples, validationExamples, files, Instant.now());
    return TrainingRequested.of(
        dataset,
        location + "/openai-chat.train.jsonl",
        validationExamples > 0 ? location + "/openai-chat.validation.jsonl" : null,
        Instant.now());
  }

  private static ExportedFile file(String name, String split, int examples) {
    return new ExportedFile(
        name, ExportFormat.OPENAI_CHAT, split, examples, Ids.sha256(name.getBytes(StandardCharsets.UTF_8)));
  }
}
