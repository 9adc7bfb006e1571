package dev.distillery.training.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuMemoryPlannerTest {
  private final GpuMemoryPlanner planner = TestConfigs.gpus(TestConfigs.training(Map.of()));

  @Test
  void publishedFiguresAreMetAndSizesBetweenThemInterpolated() {
    assertThat(GpuMemoryPlanner.estimateGb(7)).isEqualTo(6);
    assertThat(GpuMemoryPlanner.estimateGb(14)).isEqualTo(12);
    assertThat(GpuMemoryPlanner.estimateGb(70)).isEqualTo(48);
    assertThat(GpuMemoryPlanner.estimateGb(13)).isCloseTo(11.14, within(0.01));
    assertThat(GpuMemoryPlanner.estimateGb(32)).isCloseTo(23.57, within(0.01));
    assertThat(GpuMemoryPlanner.estimateGb(0.5)).isEqualTo(2);
  }

  @Test
  void modelSizeIsReadFromTheName() {
    assertThat(GpuMemoryPlanner.parameters("Qwen/Qwen2.5-7B-Instruct")).hasValue(7);
    assertThat(GpuMemoryPlanner.parameters("Qwen/Qwen2.5-0.5B-Instruct")).hasValue(0.5);
    assertThat(GpuMemoryPlanner.parameters("meta-llama/Llama-3.1-70B")).hasValue(70);
    assertThat(GpuMemoryPlanner.parameters("mistralai/Mixtral-8x7B-v0.1")).hasValue(56);
    assertThat(GpuMemoryPlanner.parameters("/data/models/my-finetune")).isEmpty();
  }

  @Test
  void a70bModelIsRefusedOnA24GbGpuWithTheReason() {
    GpuMemoryPlanner.Fit fit = planner.check("meta-llama/Llama-3.1-70B-Instruct");

    assertThat(fit.fits()).isFalse();
    assertThat(fit.reason()).contains("70 B parameters").contains("48.0 GB").contains("24 GB").contains("interpolated");
  }

  @Test
  void aSmallModelFitsAndAnUnknownOneIsNotChecked() {
    assertThat(planner.check("Qwen/Qwen2.5-7B-Instruct").fits()).isTrue();
    GpuMemoryPlanner.Fit unknown = planner.check("/data/models/my-finetune");
    assertThat(unknown.fits()).isTrue();
    assertThat(unknown.reason()).contains("not checked");
  }

  @Test
  void theConfiguredSizeWinsOverTheName() {
    GpuMemoryPlanner planner =
        TestConfigs.gpus(TestConfigs.training(Map.of("training.resources.model-params-billions", "70", "training.resources.gpu-memory-gb", "80")));

    GpuMemoryPlanner.Fit fit = planner.check("/data/models/my-finetune");

    assertThat(fit.fits()).isTrue();
    assertThat(fit.estimateGb()).hasValue(48);
  }
}
