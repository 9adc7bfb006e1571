package dev.distillery.training.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.distillery.training.Training;
import dev.distillery.training.TrainingRequests;
import dev.distillery.training.config.TrainingConfig;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AxolotlConfigRendererTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void withoutValidationFileTheConfiguredShareIsHeldOut() throws Exception {
    TrainingConfig config = TestConfigs.training(Map.of("training.val-set-size", "0.05"));
    Training training = TestConfigs.planner(config).plan(TrainingRequests.withoutValidation(UUID.randomUUID().toString()));

    JsonNode rendered = YAML.readTree(TestConfigs.axolotl(config).render(training));

    assertThat(rendered.has("test_datasets")).isFalse();
    assertThat(rendered.get("val_set_size").asDouble()).isEqualTo(0.05);
    assertThat(rendered.get("evals_per_epoch").asInt()).isEqualTo(2);
    assertThat(rendered.get("datasets")).singleElement().satisfies(d -> {
      assertThat(d.get("path").asText()).isEqualTo(training.trainFile());
      assertThat(d.get("type").asText()).isEqualTo("chat_template");
      assertThat(d.get("field_messages").asText()).isEqualTo("messages");
    });
  }

  @Test
  void learningRateIsWrittenAsAPlainDecimal() {
    TrainingConfig config = TestConfigs.training(Map.of("training.learning-rate", "1e-5"));
    Training training = TestConfigs.planner(config).plan(TrainingRequests.withValidation(UUID.randomUUID().toString()));

    assertThat(TestConfigs.axolotl(config).render(training)).contains("learning_rate: 0.00001\n");
  }

  @Test
  void alpacaFilesNextToTheChatFilesAreTrainedWithTheAlpacaPrompt() throws Exception {
    TrainingConfig config = TestConfigs.training(Map.of("training.dataset-format", "ALPACA", "training.lora.target-linear", "true"));
    Training training = TestConfigs.planner(config).plan(TrainingRequests.withValidation(UUID.randomUUID().toString()));

    JsonNode rendered = YAML.readTree(TestConfigs.axolotl(config).render(training));

    assertThat(rendered.at("/datasets/0/path").asText()).endsWith("/alpaca.train.json");
    assertThat(rendered.at("/datasets/0/type").asText()).isEqualTo("alpaca");
    assertThat(rendered.at("/test_datasets/0/path").asText()).endsWith("/alpaca.validation.json");
    assertThat(rendered.has("chat_template")).isFalse();
    assertThat(rendered.get("lora_target_linear").asBoolean()).isTrue();
    assertThat(rendered.has("lora_target_modules")).isFalse();
  }

  @Test
  void aRetryResumesFromTheNamedCheckpointOrTheNewest() throws Exception {
    TrainingConfig config = TestConfigs.training(Map.of());
    Training first = TestConfigs.planner(config).plan(TrainingRequests.withValidation(UUID.randomUUID().toString()));
    AxolotlConfigRenderer axolotl = TestConfigs.axolotl(config);

    JsonNode firstAttempt = YAML.readTree(axolotl.render(first));
    JsonNode newest = YAML.readTree(axolotl.render(first.nextAttempt(null, "w-r2")));
    JsonNode named = YAML.readTree(axolotl.render(first.nextAttempt("checkpoint-40", "w-r2")));

    assertThat(firstAttempt.has("resume_from_checkpoint")).isFalse();
    assertThat(firstAttempt.has("auto_resume_from_checkpoints")).isFalse();
    assertThat(newest.get("auto_resume_from_checkpoints").asBoolean()).isTrue();
    assertThat(named.get("resume_from_checkpoint").asText()).isEqualTo(first.outputDir() + "/checkpoint-40");
  }
}
