package dev.distillery.export.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.export.ExportSample;
import dev.distillery.export.Split;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiChatFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OpenAiChatFormat format = new OpenAiChatFormat();

  @Test
  void writesOneChatPerLineWithTheInputAfterTheInstruction() throws IOException {
    String text = write(List.of(
        new ExportSample("s1", "p", "g", "Explain attention.", "", "Attention weighs tokens."),
        new ExportSample("s2", "p", "g", "Summarise this.", "Line one\nline two", "A summary.")));

    List<String> lines = text.lines().toList();
    assertThat(text).endsWith("\n");
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.get("messages").get(0).get("role").asText()).isEqualTo("user");
    assertThat(first.get("messages").get(0).get("content").asText()).isEqualTo("Explain attention.");
    assertThat(first.get("messages").get(1).get("role").asText()).isEqualTo("assistant");
    assertThat(first.get("messages").get(1).get("content").asText()).isEqualTo("Attention weighs tokens.");
    JsonNode second = JSON.readTree(lines.get(1));
    assertThat(second.get("messages").get(0).get("content").asText())
        .isEqualTo("Summarise this.\n\nLine one\nline two");
  }

  @Test
  void writesUtf8TextAsItIs() throws IOException {
    String text = write(List.of(new ExportSample("s", "p", "g", "Qu'est-ce qu'une « équation » ?", null, "Σ ✓ 注意")));
    assertThat(text).contains("« équation »", "Σ ✓ 注意").doesNotContain("\\u");
  }

  @Test
  void writesAnEmptyFileForNoExamplesAndNamesItsSplits() throws IOException {
    assertThat(write(List.of())).isEmpty();
    assertThat(format.fileName(Split.TRAIN)).isEqualTo("openai-chat.train.jsonl");
    assertThat(format.fileName(Split.VALIDATION)).isEqualTo("openai-chat.validation.jsonl");
  }

  private String write(List<ExportSample> samples) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(samples, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
