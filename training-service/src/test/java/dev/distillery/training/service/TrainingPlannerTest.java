package dev.distillery.training.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.contracts.Ids;
import dev.distillery.contracts.InvalidEventException;
import dev.distillery.contracts.TrainingRequested;
import dev.distillery.contracts.TrainingState;
import dev.distillery.training.Training;
import dev.distillery.training.TrainingRequests;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrainingPlannerTest {
  private final String runId = UUID.randomUUID().toString();

  @Test
  void defaultsDescribeAQloraFineTuneOfTheRequestedDataset() {
    TrainingRequested request = TrainingRequests.withValidation(runId);

    Training training = TestConfigs.planner(TestConfigs.training(Map.of())).plan(request);

    assertThat(training.id()).isEqualTo(Ids.derive("training", request.datasetId()));
    assertThat(training.state()).isEqualTo(TrainingState.QUEUED);
    assertThat(training.attempt()).isEqualTo(1);
    assertThat(training.trainFile()).isEqualTo(request.trainFile());
    assertThat(training.validationFile()).isEqualTo(request.validationFile());
    assertThat(training.baseModel()).isEqualTo("Qwen/Qwen2.5-0.5B-Instruct");
    assertThat(training.lora().r()).isEqualTo(16);
    assertThat(training.lora().alpha()).isEqualTo(32);
    assertThat(training.lora().dropout()).isEqualTo(0.05);
    assertThat(training.lora().targetModules())
        .containsExactly("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
    assertThat(training.quantization().loadIn4bit()).isTrue();
    assertThat(training.quantization().quantType()).isEqualTo("nf4");
    assertThat(training.quantization().doubleQuant()).isTrue();
    assertThat(training.quantization().computeDtype()).isEqualTo("bfloat16");
    assertThat(training.hyperparameters().epochs()).isEqualTo(3);
    assertThat(training.hyperparameters().learningRate()).isEqualTo(2e-4);
    assertThat(training.outputDir()).isEqualTo("/data/trainings/" + training.id());
    assertThat(training.workloadName()).isEqualTo("distillery-train-" + training.id()).hasSizeLessThanOrEqualTo(63);
    assertThat(TrainingPlanner.workloadName(training.id(), 12)).endsWith("-r12").hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void datasetPathsBelowTheExportRootAreRebasedOntoTheVolume() {
    TrainingPlanner planner =
        TestConfigs.planner(
            TestConfigs.training(
                Map.of("training.storage.export-root", "/var/lib/distillery/exports/", "training.storage.mount-path", "/mnt/datasets")));

    assertThat(planner.onVolume("/var/lib/distillery/exports/run-1/train.jsonl")).isEqualTo("/mnt/datasets/run-1/train.jsonl");
    assertThat(planner.onVolume("/var/lib/distillery/exports-old/train.jsonl")).isEqualTo("/var/lib/distillery/exports-old/train.jsonl");
    assertThat(planner.onVolume("run-1/train.jsonl")).isEqualTo("/mnt/datasets/run-1/train.jsonl");
  }

  @Test
  void datasetWithoutTrainingExamplesCannotBeTrained() {
    TrainingRequested empty = TrainingRequests.request(runId, 0, 0);
    TrainingPlanner planner = TestConfigs.planner(TestConfigs.training(Map.of()));

    assertThatThrownBy(() -> planner.plan(empty))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining(empty.datasetId())
        .hasMessageContaining("no training examples");
  }
}
