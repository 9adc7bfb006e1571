package dev.distillery.training.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.training.Training;
import dev.distillery.training.TrainingRequests;
import dev.distillery.training.config.TrainingConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobRendererTest {

  @Test
  void huggingFaceTokenComesFromTheSecretNeverInline() {
    TrainingConfig config = TestConfigs.training(Map.of("training.job.hf-token-secret", "hf-credentials"));
    Training training = TestConfigs.planner(config).plan(TrainingRequests.withValidation(UUID.randomUUID().toString()));

    String yaml = TestConfigs.jobRenderer(config).render(training, "base_model: x\n").job();

    Container container = Serialization.unmarshal(yaml, Job.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getEnv())
        .filteredOn(env -> env.getName().equals("HF_TOKEN"))
        .singleElement()
        .satisfies(
            env -> {
              assertThat(env.getValue()).isNull();
              assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hf-credentials");
              assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
            });
  }

  @Test
  void withoutTokenSecretNoTokenIsPassed() {
    TrainingConfig config = TestConfigs.training(Map.of());
    Training training = TestConfigs.planner(config).plan(TrainingRequests.withValidation(UUID.randomUUID().toString()));

    Job job = TestConfigs.jobRenderer(config).job(training, "config");

    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .extracting(env -> env.getName())
        .doesNotContain("HF_TOKEN");
  }
}
