package dev.distillery.export.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.export.ExportSample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlpacaFormatTest {
  private final AlpacaFormat format = new AlpacaFormat();

  @Test
  void writesAJsonArrayOfInstructionInputOutput() throws IOException {
    byte[] bytes = write(List.of(
        new ExportSample("s1", "p", "g", "Explain attention.", null, "Attention weighs tokens."),
        new ExportSample("s2", "p", "g", "Compare these.", "RNN vs Transformer", "Transformers parallelise.")));

    JsonNode array = new ObjectMapper().readTree(bytes);
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(2);
    assertThat(array.get(0).get("instruction").asText()).isEqualTo("Explain attention.");
    assertThat(array.get(0).get("input").asText()).isEmpty();
    assertThat(array.get(0).get("output").asText()).isEqualTo("Attention weighs tokens.");
    assertThat(array.get(1).get("input").asText()).isEqualTo("RNN vs Transformer");
  }

  @Test
  void theSameExamplesGiveTheSameBytesWithUnixLineBreaks() throws IOException {
    List<ExportSample> samples = List.of(new ExportSample("s", "p", "g", "Why?", "", "Because."));
    byte[] first = write(samples);
    assertThat(write(samples)).isEqualTo(first);
    assertThat(new String(first)).doesNotContain("\r").endsWith("]\n");
  }

  @Test
  void writesAnEmptyArrayForNoExamples() throws IOException {
    assertThat(new ObjectMapper().readTree(write(List.of())).isEmpty()).isTrue();
  }

  private byte[] write(List<ExportSample> samples) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(samples, out);
    return out.toByteArray();
  }
}
