package dev.distillery.training.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TolerationParserTest {

  @Test
  void keyWithoutValueToleratesTheTaintWhateverItsValue() {
    Toleration toleration = TolerationParser.parse("nvidia.com/gpu:NoSchedule");

    assertThat(toleration.getKey()).isEqualTo("nvidia.com/gpu");
    assertThat(toleration.getOperator()).isEqualTo("Exists");
    assertThat(toleration.getValue()).isNull();
    assertThat(toleration.getEffect()).isEqualTo("NoSchedule");
  }

  @Test
  void keyWithValueToleratesOnlyThatValue() {
    assertThat(TolerationParser.parse(List.of("dedicated=gpu-training:NoExecute", " ")))
        .singleElement()
        .satisfies(
            toleration -> {
              assertThat(toleration.getKey()).isEqualTo("dedicated");
              assertThat(toleration.getOperator()).isEqualTo("Equal");
              assertThat(toleration.getValue()).isEqualTo("gpu-training");
              assertThat(toleration.getEffect()).isEqualTo("NoExecute");
            });
  }

  @Test
  void unreadableTolerationsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> TolerationParser.parse("nvidia.com/gpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nvidia.com/gpu' has no effect");
    assertThatThrownBy(() -> TolerationParser.parse("nvidia.com/gpu:Sometimes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("effect 'Sometimes'");
    assertThatThrownBy(() -> TolerationParser.parse("=x:NoSchedule"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no key");
  }
}
