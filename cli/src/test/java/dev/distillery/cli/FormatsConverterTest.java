package dev.distillery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.contracts.ExportFormat;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class FormatsConverterTest {
  private final FormatsConverter converter = new FormatsConverter();

  @Test
  void readsTheNamesUsersKnowInTheOrderGivenWithoutRepeats() {
    assertThat(converter.convert("openai, Bedrock,hf,openai-chat,VERTEX_GEMINI"))
        .containsExactly(ExportFormat.OPENAI_CHAT, ExportFormat.BEDROCK_CLAUDE, ExportFormat.HUGGINGFACE,
            ExportFormat.VERTEX_GEMINI);
  }

  @Test
  void allMeansEveryFormat() {
    assertThat(converter.convert("all")).containsExactly(ExportFormat.values());
  }

  @Test
  void anUnknownNameIsNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> converter.convert("openai,parquet"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("unknown format 'parquet'")
        .hasMessageContaining("bedrock");
  }
}
