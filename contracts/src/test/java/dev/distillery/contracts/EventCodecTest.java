package dev.distillery.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {
  private static final EventCodec CODEC = new EventCodec();
  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

  static Stream<DistilleryEvent> oneOfEach() {
    String runId = "0b7f2f0e-5d6c-4c1e-9b1a-2f3e4d5c6b7a";
    RunConfig config =
        new RunConfig(null, 0, List.of(ExportFormat.OPENAI_CHAT, ExportFormat.BEDROCK_CLAUDE), 0.1, false,
            GenerationMode.HYBRID, 40, new GenerationSettings("qwen-plus", "gpt-4o", 0.2, 3, 5.0, "de", 4, null));
    String paperId = Ids.paper(runId, Ids.sha256("paper".getBytes(StandardCharsets.UTF_8)));
    Segment segment = new Segment(Ids.segment(paperId, 0), 0, "Introduction", "Transformers replace recurrence.");
    ExtractedPair pair =
        new ExtractedPair("What is attention?", "A weighting of tokens.", "q-a", List.of("FAQ"), 40, 86);
    PaperIngested paper =
        PaperIngested.of(runId, paperId, "Attention", "We propose.", "attention.pdf",
            Ids.sha256("paper".getBytes(StandardCharsets.UTF_8)), config, List.of(segment), List.of("A. Vaswani"), "en",
            "application/pdf", List.of("prompt-injection"), List.of(pair), NOW);
    RunClosed closed =
        RunClosed.of(runId, "demo", config, List.of(paperId),
            List.of(new SourceStatus("attention.pdf", true, null, paperId, "application/pdf", 2048, 1, 1),
                new SourceStatus("logo.md", false, "not a document: image/png", null, "image/png", 512, 0, 0)),
            NOW);
    SourceRef source = new SourceRef("Attention", "attention.md", "Introduction", segment.text());
    PromptReady prompt =
        PromptReady.of(runId, paperId, segment.segmentId(), Ids.prompt(segment.segmentId(), TaskType.CONCEPT_EXPLANATION, 0),
            TaskType.CONCEPT_EXPLANATION, 0, 4, "We propose.", source, NOW);
    GenerationInfo info = new GenerationInfo("offline-template", "templates-v1", true, 10, 20, 1);
    SampleGenerated sample =
        SampleGenerated.of(prompt, SampleStatus.GENERATED, "Explain attention.", "", "Attention weighs tokens.", null, info, NOW);
    PromptReady multiTurn =
        PromptReady.of(runId, paperId, segment.segmentId(), Ids.prompt(segment.segmentId(), TaskType.MULTI_TURN, 1),
            TaskType.MULTI_TURN, 1, 4, "We propose.", source, NOW);
    SampleGenerated conversation =
        SampleGenerated.of(multiTurn, SampleStatus.GENERATED, "What does attention do?", "", "It weighs tokens.", null, info,
                NOW)
            .withConversation(List.of(new ChatTurn("user", "What does attention do?"),
                new ChatTurn("assistant", "It weighs tokens."), new ChatTurn("user", "Why?"),
                new ChatTurn("assistant", "To relate distant words.")));
    SampleValidated validated =
        SampleValidated.of(sample, Verdict.ACCEPTED, 0.8, Map.of("length", 0.7), List.of(), NOW);
    DatasetExported exported =
        DatasetExported.of(runId, Ids.derive("dataset", runId), "/data/" + runId, 9, 1,
            List.of(new ExportedFile("openai-chat.train.jsonl", ExportFormat.OPENAI_CHAT, "train", 9,
                Ids.sha256(new byte[0]))), NOW);
    TrainingRequested training =
        TrainingRequested.of(exported, "/data/" + runId + "/openai-chat.train.jsonl", null, NOW);
    TrainingStatusChanged status =
        TrainingStatusChanged.of(runId, Ids.derive("training", exported.datasetId()), exported.datasetId(), 2,
            TrainingState.RUNNING, null, new TrainingProgress(10L, 100L, 0.1, 1.9, 2e-4, null, 600L), NOW);
    return Stream.of(paper, closed, prompt, sample, validated, exported, training, status, conversation);
  }

  @ParameterizedTest
  @MethodSource("oneOfEach")
  void everyEventSerialisesToJsonValidAgainstItsSchemaAndReadsBackEqual(DistilleryEvent event) {
    String json = CODEC.toJson(event);

    assertThat(CODEC.violations(event.type(), CODEC.mapper().valueToTree(event))).isEmpty();
    assertThat((DistilleryEvent) CODEC.read(event.type(), json)).isEqualTo(event);
  }

  @Test
  void eventIdsAreDeterministic() {
    assertThat(oneOfEach().map(DistilleryEvent::eventId).toList())
        .isEqualTo(oneOfEach().map(DistilleryEvent::eventId).toList())
        .doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void aDocumentWrittenByHandFromTheSchemaIsAccepted(EventType type) throws IOException {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/handwritten/" + type.topic() + ".json")) {
      assertThat(in).as("hand-written example for " + type.topic()).isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    DistilleryEvent event = CODEC.read(type, json);

    assertThat(event.type()).isEqualTo(type);
    assertThat(event.runId()).isEqualTo("11111111-2222-4333-8444-555555555555");
  }

  @Test
  void aMinedPairBecomesAnExtractedSampleWithoutModelOrCost() {
    PaperIngested paper = (PaperIngested) oneOfEach().findFirst().orElseThrow();
    ExtractedPair pair = paper.extracted().get(0);
    Segment segment = paper.segments().get(0);
    String promptId = Ids.extractedPrompt(paper.paperId(), 0);
    SampleGenerated sample =
        SampleGenerated.extracted(paper.runId(), paper.paperId(), segment.segmentId(), promptId, pair, 5,
            new SourceRef(paper.title(), paper.sourceName(), "FAQ", segment.text()), NOW);

    assertThat(sample.origin()).isEqualTo(SampleOrigin.EXTRACTED);
    assertThat(sample.instruction()).isEqualTo("What is attention?");
    assertThat(sample.output()).isEqualTo("A weighting of tokens.");
    assertThat(sample.generation().offline()).isTrue();
    assertThat(sample.generation().costUsd()).isZero();
    assertThat(CODEC.violations(EventType.SAMPLE_GENERATED, CODEC.mapper().valueToTree(sample))).isEmpty();
    assertThat(SampleValidated.of(sample, Verdict.ACCEPTED, 1, Map.of(), List.of(), NOW).origin())
        .isEqualTo(SampleOrigin.EXTRACTED);
  }

  @Test
  void anOlderProducerWithoutTheNewFieldsIsReadWithDefaults() {
    String json = CODEC.toJson(oneOfEach().findFirst().orElseThrow())
        .replaceAll(",\\s*\"(mode|targetPerPaper)\":[^,}]*", "");
    PaperIngested paper = CODEC.read(EventType.PAPER_INGESTED, json);

    assertThat(paper.config().mode()).isEqualTo(GenerationMode.HYBRID);
    assertThat(paper.config().targetPerPaper()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"gateway-faq.paper.ingested.json", "gateway-faq.run.closed.json"})
  void theReadmesWorkedExampleOfAnotherSystemsEventsIsAccepted(String file) throws IOException {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/examples/" + file)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    DistilleryEvent event = CODEC.read(EventType.forTopic(file.substring(12, file.length() - 5)), json);

    assertThat(event.runId()).isEqualTo("0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70");
    if (event instanceof PaperIngested paper) {
      ExtractedPair pair = paper.extracted().get(0);
      String text = paper.segments().get(0).text() + "\n\n" + paper.segments().get(1).text();
      assertThat(text.substring(pair.charStart(), pair.charEnd())).startsWith(pair.question()).endsWith(pair.answer());
      assertThat(paper.config().mode()).isEqualTo(GenerationMode.HYBRID);
    }
  }

  @Test
  void malformedJsonIsRejectedWithAReasonNamingTheEvent() {
    assertThatThrownBy(() -> CODEC.read(EventType.PAPER_INGESTED, "{\"eventId\": "))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("paper.ingested event is not JSON");
  }

  @Test
  void aMissingRequiredFieldIsNamedInTheReason() {
    String json = CODEC.toJson(oneOfEach().findFirst().orElseThrow()).replace("\"title\"", "\"headline\"");
    assertThatThrownBy(() -> CODEC.read(EventType.PAPER_INGESTED, json))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("does not match its schema")
        .hasMessageContaining("title");
  }

  @Test
  void emptyAndBinaryPayloadsAreRejected() {
    assertThatThrownBy(() -> CODEC.read(EventType.SAMPLE_GENERATED, ""))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("sample.generated event is empty");
    assertThatThrownBy(() -> CODEC.read(EventType.SAMPLE_GENERATED, "\u0000\u0001PNG"))
        .isInstanceOf(InvalidEventException.class);
  }

  @Test
  void cloudEventHeadersCarryTheEventIdentity() {
    DistilleryEvent event = oneOfEach().findFirst().orElseThrow();
    Map<String, String> headers = CloudEventHeaders.of(event, "/distillery/ingest-service");
    assertThat(headers)
        .containsEntry("ce_id", event.eventId())
        .containsEntry("ce_type", "dev.distillery.paper.ingested.v1")
        .containsEntry("ce_specversion", "1.0")
        .containsEntry("ce_time", "2026-11-23T10:15:30Z")
        .containsEntry("ce_source", "/distillery/ingest-service")
        .containsEntry("content-type", "application/json");
  }

  @Test
  void derivedIdsAreVersion5UuidsThatDependOnEveryPart() {
    String a = Ids.derive("segment", "p1", 0);
    assertThat(a).isEqualTo(Ids.derive("segment", "p1", 0)).matches("[0-9a-f-]{36}");
    assertThat(java.util.UUID.fromString(a).version()).isEqualTo(5);
    assertThat(Ids.derive("segment", "p1", 1)).isNotEqualTo(a);
    assertThat(Ids.derive("segment", "p11", "")).isNotEqualTo(Ids.derive("segment", "p1", "1"));
  }
}
