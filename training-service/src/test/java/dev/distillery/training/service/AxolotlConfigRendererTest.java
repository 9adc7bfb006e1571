package dev.distillery.training.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.distillery.training.Training;
import dev.distillery.training.TrainingRequests;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AxolotlConfigRendererTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void withoutValidationFileNothingIsSetAsideForEvaluation() throws Exception {
    Training training =
        TestConfigs.planner(TestConfigs.training(Map.of()))
            .plan(TrainingRequests.withoutValidation(UUID.randomUUID().toString()));

    String rendered = new AxolotlConfigRenderer().render(training);

    JsonNode config = YAML.readTree(rendered);
    assertThat(config.has("test_datasets")).isFalse();
    assertThat(config.get("val_set_size").asInt()).isZero();
    assertThat(config.get("datasets")).singleElement().satisfies(d -> {
      assertThat(d.get("path").asText()).isEqualTo(training.trainFile());
      assertThat(d.get("type").asText()).isEqualTo("chat_template");
      assertThat(d.get("field_messages").asText()).isEqualTo("messages");
    });
  }

  @Test
  void learningRateIsWrittenAsAPlainDecimal() {
    Training training =
        TestConfigs.planner(TestConfigs.training(Map.of("training.learning-rate", "1e-5")))
            .plan(TrainingRequests.withValidation(UUID.randomUUID().toString()));

    assertThat(new AxolotlConfigRenderer().render(training)).contains("learning_rate: 0.00001\n");
  }
}
