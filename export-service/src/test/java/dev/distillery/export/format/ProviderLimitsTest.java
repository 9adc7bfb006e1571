package dev.distillery.export.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Manifest.LeftOut;
import dev.distillery.export.dataset.Manifest.Truncation;
import dev.distillery.export.dataset.Samples;
import dev.distillery.export.dataset.Split;
import dev.distillery.export.dataset.TokenCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TokenCounter CL100K = TokenCounter.of("cl100k_base");

  @TempDir Path dir;

  @Test
  void anOverLongOpenAiExampleIsCutAtTheEndOfTheAnswerAndListed() throws IOException {
    String answer = "Attention weighs every token against every other token. ".repeat(40);
    DatasetSample longOne = Samples.single("long", "p1", "g1", "Explain attention.", answer);
    DatasetWriter writer = new DatasetWriter(new DatasetWriter.Options(null, "cl100k_base", 120, 0, "t",
        new HuggingFaceFormat.Card("t", "other", List.of())));

    DatasetWriter.Written written =
        writer.write(dir, Map.of(Split.TRAIN, List.of(longOne)), List.of(ExportFormat.OPENAI_CHAT));

    assertThat(written.truncated()).singleElement().satisfies(t -> {
      assertThat(t.sampleId()).isEqualTo("long");
      assertThat(t.format()).isEqualTo("OPENAI_CHAT");
      assertThat(t.fromTokens()).isGreaterThan(120);
      assertThat(t.toTokens()).isLessThanOrEqualTo(120);
    });
    JsonNode line = JSON.readTree(Files.readAllLines(dir.resolve("openai-chat.train.jsonl")).get(0));
    String cut = line.get("messages").get(1).get("content").asText();
    assertThat(answer).startsWith(cut);
    assertThat(cut).isNotEmpty();
    assertThat(CL100K.chat(null, List.of(
        new dev.distillery.contracts.ChatTurn("user", "Explain attention."),
        new dev.distillery.contracts.ChatTurn("assistant", cut)))).isLessThanOrEqualTo(120);
  }

  @Test
  void anOpenAiExampleWhosePromptAloneIsTooLongIsLeftOut() throws IOException {
    DatasetSample prompt = Samples.single("p", "p1", "g1", "word ".repeat(300), "Short.");
    DatasetWriter writer = new DatasetWriter(new DatasetWriter.Options(null, "cl100k_base", 100, 0, "t",
        new HuggingFaceFormat.Card("t", "other", List.of())));

    DatasetWriter.Written written =
        writer.write(dir, Map.of(Split.TRAIN, List.of(prompt)), List.of(ExportFormat.OPENAI_CHAT));

    assertThat(written.leftOut()).singleElement().satisfies(l -> assertThat(l.reason()).contains("prompt alone"));
    assertThat(Files.readString(dir.resolve("openai-chat.train.jsonl"))).isEmpty();
  }

  @Test
  void bedrockLeavesOutRecordsOf32000TokensOrMoreAndKeepsTheRest() throws IOException {
    DatasetSample huge = Samples.single("huge", "p1", "g1", "Summarise.", "alpha beta gamma delta ".repeat(9_000));
    DatasetSample fine = Samples.single("fine", "p1", "g1", "Explain.", "Fine.");

    DatasetWriter.Written written = DatasetWriterTest.writer(null)
        .write(dir, Map.of(Split.TRAIN, List.of(fine, huge)), List.of(ExportFormat.BEDROCK_CLAUDE,
            ExportFormat.ALPACA));

    assertThat(written.leftOut()).extracting(LeftOut::sampleId, LeftOut::format)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("huge", "BEDROCK_CLAUDE"));
    assertThat(written.leftOut().get(0).reason()).contains("approximated", "31999", "refuses");
    assertThat(Files.readAllLines(dir.resolve("bedrock-claude.train.jsonl"))).hasSize(1);
    assertThat(JSON.readTree(dir.resolve("alpaca.train.json").toFile())).hasSize(2);
    assertThat(written.truncated()).extracting(Truncation::format).doesNotContain("BEDROCK_CLAUDE");
  }

  @Test
  void bedrocksForbiddenStringsKeepASampleOutOfBedrockOnly() throws IOException {
    DatasetSample transcript = Samples.single("t", "p1", "g1", "Continue:\nHuman: hi", "Sure.");

    DatasetWriter.Written written = DatasetWriterTest.writer(null)
        .write(dir, Map.of(Split.TRAIN, List.of(transcript)), List.of(ExportFormat.BEDROCK_CLAUDE,
            ExportFormat.OPENAI_CHAT));

    assertThat(written.leftOut()).singleElement().satisfies(l -> {
      assertThat(l.format()).isEqualTo("BEDROCK_CLAUDE");
      assertThat(l.reason()).contains("forbidden string \\nHuman:");
    });
    assertThat(Files.readAllLines(dir.resolve("openai-chat.train.jsonl"))).hasSize(1);
  }

  @Test
  void bedrocksMinimumAndMaximumLineCountsAreWarnedAndEnforced() throws IOException {
    List<DatasetSample> few = Samples.corpus(1, 10);
    List<DatasetSample> validation = new ArrayList<>();
    for (int i = 0; i < 1_005; i++) {
      validation.add(Samples.single(String.format("v%04d", i), "pv", "gv" + i, "Q" + i, "A" + i));
    }

    DatasetWriter.Written written = DatasetWriterTest.writer(null)
        .write(dir, Map.of(Split.TRAIN, few, Split.VALIDATION, validation), List.of(ExportFormat.BEDROCK_CLAUDE));

    assertThat(written.warnings()).anyMatch(w -> w.contains("bedrock-claude.train.jsonl has 10 examples")
        && w.contains("at least 32"));
    assertThat(Files.readAllLines(dir.resolve("bedrock-claude.validation.jsonl"))).hasSize(1_000);
    assertThat(written.leftOut()).hasSize(5).allMatch(l -> l.reason().contains("at most 1000 validation records"));
  }

  @Test
  void chatMlRefusesContentThatWouldBreakItsMarkers() throws IOException {
    DatasetSample injected = Samples.single("x", "p1", "g1", "Say <|im_end|> now", "No.");

    DatasetWriter.Written written = DatasetWriterTest.writer(null)
        .write(dir, Map.of(Split.TRAIN, List.of(injected)), List.of(ExportFormat.CHATML));

    assertThat(written.leftOut()).singleElement()
        .satisfies(l -> assertThat(l.reason()).contains("ChatML marker <|im_end|>"));
  }

  @Test
  void formatsRequiringAlternationRefuseAConversationThatDoesNot() throws IOException {
    DatasetSample broken = new DatasetSample("b", "p1", "g1", "f.md", "T", "S", null, null, "Hi", null, "Bye",
        List.of(new dev.distillery.contracts.ChatTurn("user", "Hi"), new dev.distillery.contracts.ChatTurn("user", "Hm"),
            new dev.distillery.contracts.ChatTurn("assistant", "Bye")), 1, Map.of(), "m");

    DatasetWriter.Written written = DatasetWriterTest.writer(null).write(dir, Map.of(Split.TRAIN, List.of(broken)),
        List.of(ExportFormat.BEDROCK_CLAUDE, ExportFormat.VERTEX_GEMINI, ExportFormat.SHAREGPT, ExportFormat.ALPACA,
            ExportFormat.OPENAI_CHAT));

    assertThat(written.leftOut()).extracting(LeftOut::format)
        .containsExactlyInAnyOrder("BEDROCK_CLAUDE", "VERTEX_GEMINI", "SHAREGPT", "ALPACA");
    assertThat(written.leftOut()).allMatch(l -> l.reason().contains("alternate"));
  }

  @Test
  void theValidatorsRefuseWhatTheProvidersRefuse() throws IOException {
    assertThat(new OpenAiChatFormat().violations(JSON.readTree("[{\"role\":\"user\"}]")))
        .containsExactly("a line must be a JSON object");
    assertThat(new OpenAiChatFormat().violations(JSON.readTree(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"q\",\"extra\":1},{\"role\":\"critic\",\"content\":\"\"}]}")))
        .contains("message 1 has unrecognized key 'extra'", "message 2 has unrecognized role 'critic'",
            "message 2 has no content", "no assistant message");
    assertThat(new OpenAiChatFormat().violations(JSON.readTree(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"q\",\"weight\":1},"
            + "{\"role\":\"assistant\",\"content\":\"a\",\"weight\":2}]}")))
        .contains("message 1 has a weight but is not an assistant message", "message 2 has weight 2; only 0 or 1 is"
            + " allowed");
    assertThat(new BedrockClaudeFormat().violations(JSON.readTree(
        "{\"system\":\"s\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"id\":1}")))
        .contains("the record has unrecognized key 'id'", "at least 2 messages are needed, found 1",
            "the last message must be assistant, was user");
    assertThat(new VertexGeminiFormat().violations(JSON.readTree(
        "{\"contents\":[{\"role\":\"assistant\",\"parts\":[{\"text\":\"a\"}]}]}")))
        .contains("content 1 has role 'assistant'; only user and model are allowed");
    assertThat(new MistralFormat().violations(JSON.readTree(
        "{\"messages\":[{\"role\":\"assistant\",\"content\":\"a\"},{\"role\":\"user\",\"content\":\"q\"}]}")))
        .contains("the last message must be assistant");
    assertThat(new ShareGptFormat().violations(JSON.readTree(
        "{\"conversations\":[{\"from\":\"gpt\",\"value\":\"a\"}]}")))
        .contains("the first message must be human, was gpt");
  }
}
