package dev.distillery.training.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.contracts.DatasetExported;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.ExportedFile;
import dev.distillery.contracts.TrainingRequested;
import dev.distillery.training.Engine;
import dev.distillery.training.Training;
import dev.distillery.training.WorkloadKind;
import dev.distillery.training.config.TrainingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the service hands to Kubernetes and to the trainers, compared with reviewed files under
 * {@code src/test/resources/golden/}. Ids are replaced by placeholders first. After an intended change, run with
 * {@code -Dgolden.update=true} and review the diff of the golden files.
 */
class GoldenFilesTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final String RUN_ID = "7d1f0c52-6f0e-4d47-9d2c-3b1c0c5e2a10";
  private static final String DATASET_ID = "0b6a4c1e-8f3d-4a52-b1e7-5d9c2f3a4e21";

  private final TrainingConfig config =
      TestConfigs.training(
          Map.of(
              "training.job.node-selector.\"nvidia.com/gpu.present\"", "true",
              "training.job.hf-token-secret", "hf-credentials"));
  private final TrainingPlanner planner = TestConfigs.planner(config);

  @Test
  void jobRunningAxolotl() throws IOException {
    Training training = training(Engine.AXOLOTL, WorkloadKind.JOB);
    var manifests = TestConfigs.jobWorkload(config).render(training, TestConfigs.axolotl(config));

    matches("job.yaml", manifests.workload(), training);
    matches("job-configmap.yaml", manifests.configMap(), training);
    matches("axolotl.yaml", manifests.files().get("axolotl.yaml"), training);
  }

  @Test
  void trainJobRunningLlamaFactory() throws IOException {
    Training training = training(Engine.LLAMA_FACTORY, WorkloadKind.TRAIN_JOB);
    var manifests = TestConfigs.trainJobWorkload(config).render(training, TestConfigs.llamaFactory(config));

    matches("trainjob.yaml", manifests.workload(), training);
    matches("llamafactory.yaml", manifests.files().get("llamafactory.yaml"), training);
    matches("dataset_info.json", manifests.files().get("dataset_info.json"), training);
  }

  private Training training(Engine engine, WorkloadKind workload) {
    String location = "/data/exports/" + RUN_ID;
    DatasetExported dataset =
        DatasetExported.of(
            RUN_ID, DATASET_ID, location, 40, 5,
            List.of(
                new ExportedFile("openai-chat.train.jsonl", ExportFormat.OPENAI_CHAT, "train", 40, "a".repeat(64)),
                new ExportedFile("openai-chat.validation.jsonl", ExportFormat.OPENAI_CHAT, "validation", 5, "b".repeat(64))),
            Instant.parse("2026-11-23T10:00:00Z"));
    TrainingRequested request =
        TrainingRequested.of(
            dataset, location + "/openai-chat.train.jsonl", location + "/openai-chat.validation.jsonl",
            Instant.parse("2026-11-23T10:00:00Z"));
    return planner.plan(request, new TrainingPlanner.Choices(engine, workload, null));
  }

  private static void matches(String file, String rendered, Training training) throws IOException {
    String normalised =
        rendered
            .replace(training.id(), "<training-id>")
            .replace(training.runId(), "<run-id>")
            .replace(training.datasetId(), "<dataset-id>");
    Path golden = GOLDEN.resolve(file);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, normalised, StandardCharsets.UTF_8);
    }
    assertThat(normalised).as("rendered %s (see %s)", file, golden).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
