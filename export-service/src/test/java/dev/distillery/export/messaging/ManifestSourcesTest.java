package dev.distillery.export.messaging;

import static dev.distillery.contracts.Verdict.ACCEPTED;
import static dev.distillery.export.Pipeline.awaitExported;
import static dev.distillery.export.Pipeline.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.SourceStatus;
import dev.distillery.export.TestRun;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 3's part of the manifest: every file offered, what became of it, and where the samples came from. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class ManifestSourcesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void listsEveryFileOfferedWithItsStatusAndItsSamplesByOrigin() throws IOException {
    TestRun run = new TestRun(TestRun.config(0.0, false, ExportFormat.OPENAI_CHAT, ExportFormat.CSV_METADATA));
    String faq = run.mixedPaper("Paper Faq", "gpt-4o-mini", 0.002);
    String plain = run.paper("Paper Plain", ACCEPTED, ACCEPTED);
    List<SourceStatus> offered = List.of(
        new SourceStatus(TestRun.fileName("Paper Faq"), true, null, faq, "application/pdf", 52_000, 1, 1),
        new SourceStatus("photo.md", false, "the content is an image (image/png), not a document", null, "image/png",
            4_096, 0, 0),
        new SourceStatus(TestRun.fileName("Paper Plain"), true, null, plain, "text/markdown", 2_000, 1, 0));

    send(run.closed(offered));
    send(run.samples());
    Path dir = Path.of(awaitExported(run.runId()).getString("location"));

    JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
    JsonNode sources = manifest.get("sources");
    assertThat(sources).hasSize(3);
    JsonNode faqSource = sources.get(0);
    assertThat(faqSource.get("file").asText()).isEqualTo("paper-faq.md");
    assertThat(faqSource.get("status").asText()).isEqualTo("accepted");
    assertThat(faqSource.get("mediaType").asText()).isEqualTo("application/pdf");
    assertThat(faqSource.get("segments").asInt()).isEqualTo(1);
    assertThat(faqSource.get("extractedPairs").asInt()).isEqualTo(1);
    assertThat(faqSource.get("samples").asInt()).isEqualTo(2);
    assertThat(faqSource.get("extracted").asInt()).isEqualTo(1);
    assertThat(faqSource.get("generated").asInt()).isEqualTo(1);
    assertThat(faqSource.get("rejected").asInt()).isEqualTo(1);
    assertThat(faqSource.get("failed").asInt()).isZero();
    JsonNode rejected = sources.get(1);
    assertThat(rejected.get("status").asText()).isEqualTo("rejected");
    assertThat(rejected.get("reason").asText()).contains("image");
    assertThat(rejected.get("samples").asInt()).isZero();
    assertThat(sources.get(2).get("samples").asInt()).isEqualTo(2);

    assertThat(manifest.at("/counts/extracted").asInt()).isEqualTo(1);
    assertThat(manifest.at("/counts/generated").asInt()).isEqualTo(3);
    assertThat(manifest.get("version").asInt()).isEqualTo(1);
    assertThat(manifest.get("models")).anySatisfy(m -> {
      assertThat(m.get("model").asText()).isEqualTo("gpt-4o-mini");
      assertThat(m.get("samples").asInt()).isEqualTo(2);
      assertThat(m.get("costUsd").asDouble()).isEqualTo(0.004);
    });
    assertThat(manifest.get("costUsd").asDouble()).isEqualTo(0.004);
    assertThat(manifest.get("tokens")).anySatisfy(t -> {
      assertThat(t.get("format").asText()).isEqualTo("OPENAI_CHAT");
      assertThat(t.get("tokenizer").asText()).isEqualTo("cl100k_base");
      assertThat(t.get("exact").asBoolean()).isTrue();
      assertThat(t.get("examples").asInt()).isEqualTo(4);
    });

    List<Integer> messagesPerLine = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("openai-chat.train.jsonl"))) {
      messagesPerLine.add(JSON.readTree(line).get("messages").size());
    }
    assertThat(messagesPerLine).contains(4, 2);
    List<String> csv = Files.readAllLines(dir.resolve("metadata.csv"));
    assertThat(csv).hasSize(5).anyMatch(l -> l.contains(",EXTRACTED,") && l.contains("paper-faq.md,Intro > Methods"));
  }

  @Test
  void derivesSourcesFromThePapersWhenRunClosedListsNoFiles() throws IOException {
    TestRun run = new TestRun(TestRun.config(0.0, false, ExportFormat.ALPACA));
    run.paper("Paper Elsewhere", ACCEPTED);

    send(run.closed());
    send(run.samples());
    Path dir = Path.of(awaitExported(run.runId()).getString("location"));

    JsonNode sources = JSON.readTree(dir.resolve("manifest.json").toFile()).get("sources");
    assertThat(sources).singleElement().satisfies(s -> {
      assertThat(s.get("file").asText()).isEqualTo("paper-elsewhere.md");
      assertThat(s.get("status").asText()).isEqualTo("accepted");
      assertThat(s.get("samples").asInt()).isEqualTo(1);
      assertThat(s.get("split").asText()).isEqualTo("train");
    });
  }
}
