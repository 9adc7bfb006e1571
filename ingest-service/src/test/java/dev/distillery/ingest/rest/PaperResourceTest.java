package dev.distillery.ingest.rest;

import static dev.distillery.ingest.TestDocuments.prose;
import static dev.distillery.ingest.TestPapers.bytes;
import static dev.distillery.ingest.TestPapers.createRun;
import static dev.distillery.ingest.TestPapers.markdown;
import static dev.distillery.ingest.TestPapers.metric;
import static dev.distillery.ingest.TestPapers.postPaper;
import static dev.distillery.ingest.TestPapers.records;
import static dev.distillery.testsupport.EventRecords.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.distillery.contracts.CloudEventHeaders;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.ExtractedPair;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PaperIngested;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.Segment;
import dev.distillery.contracts.Topics;
import dev.distillery.ingest.TestDocuments;
import dev.distillery.ingest.TestDocuments.Section;
import dev.distillery.ingest.TestPapers;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class PaperResourceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static KafkaCompanion kafka;

  @BeforeAll
  static void connect() {
    kafka = TestPapers.kafka();
  }

  @AfterAll
  static void disconnect() {
    kafka.close();
  }

  private static PaperIngested read(ConsumerRecord<String, String> record) {
    return EventRecords.codec().read(EventType.PAPER_INGESTED, record.value());
  }

  @Test
  void aMarkdownBodyBecomesChunksWithLineageAndOnePaperIngestedWithCloudEventsHeaders() {
    String runId = createRun("body");
    String text = markdown("Attention Is Enough", "Introduction", "Method");
    String paperId = Ids.paper(runId, Ids.sha256(bytes(text)));
    double chunksBefore = metric("distillery_ingest_chunks_total", "");
    double papersBefore = metric("distillery_ingest_papers_total", "");

    try (ConsumerTask<String, String> published = records(kafka, Topics.PAPER_INGESTED, runId)) {
      given().contentType("text/markdown; charset=UTF-8").queryParam("name", "attention.md").body(bytes(text))
          .post("/runs/{id}/papers", runId)
          .then()
          .statusCode(201)
          .body("runId", is(runId))
          .body("accepted", is(1))
          .body("rejected", is(0))
          .body("files[0].file", is("attention.md"))
          .body("files[0].status", is("accepted"))
          .body("files[0].paperId", is(paperId))
          .body("files[0].title", is("Attention Is Enough"))
          .body("files[0].mediaType", is("text/markdown"))
          .body("files[0].segments", is(2))
          .body("files[0].extractedPairs", is(0))
          .body("files[0].language", is("en"));

      ConsumerRecord<String, String> record = published.awaitRecords(1, WAIT).getFirstRecord();
      PaperIngested event = read(record);
      assertThat(record.key()).isEqualTo(runId);
      assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(event.eventId());
      assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("dev.distillery.paper.ingested.v1");
      assertThat(Instant.parse(header(record, CloudEventHeaders.TIME))).isEqualTo(event.producedAt());
      assertThat(event.paperId()).isEqualTo(paperId);
      assertThat(event.sourceName()).isEqualTo("attention.md");
      assertThat(event.config()).isEqualTo(RunConfig.defaults());
      assertThat(event.mediaType()).isEqualTo("text/markdown");
      assertThat(event.language()).isEqualTo("en");
      assertThat(event.segments()).extracting(Segment::heading).containsExactly("Introduction", "Method");
      assertThat(event.segments()).extracting(Segment::sectionPath)
          .containsExactly(List.of("Introduction"), List.of("Method"));
      Segment method = event.segments().get(1);
      assertThat(method.segmentId()).isEqualTo(Ids.segment(paperId, 1));
      assertThat(method.text()).startsWith("# Method\n\nIn Attention Is Enough")
          .isEqualTo(text.replace("\r\n", "\n").substring(method.charStart(), method.charEnd()));
      assertThat(method.tokens()).isPositive().isLessThanOrEqualTo(4096);
    }
    assertThat(metric("distillery_ingest_chunks_total", "")).isEqualTo(chunksBefore + 2);
    assertThat(metric("distillery_ingest_papers_total", "")).isEqualTo(papersBefore + 1);
  }

  @Test
  void anOctetStreamBodyIsReadByItsContent() {
    String runId = createRun("octets");
    byte[] pdf = TestDocuments.pdf("Binary Upload", "Ann", List.of(new Section("Intro", prose("uploads", 20))));

    given().contentType("application/octet-stream").queryParam("name", "scan 2026 – final.pdf").body(pdf)
        .post("/runs/{id}/papers", runId)
        .then()
        .statusCode(201)
        .body("files[0].file", is("scan 2026 – final.pdf"))
        .body("files[0].mediaType", is("application/pdf"))
        .body("files[0].title", is("Binary Upload"));
  }

  @Test
  void theSameContentTwiceInARunIsADuplicateAndInANewRunAPaperAgain() {
    String runId = createRun("twice");
    String text = markdown("Once", "Only");
    double duplicatesBefore = metric("distillery_ingest_rejections_total", "reason=\"duplicate\"");

    try (ConsumerTask<String, String> published = records(kafka, Topics.PAPER_INGESTED, runId)) {
      String paperId = postPaper(runId, "once.md", text);
      given().contentType("text/plain").queryParam("name", "renamed.md").body(bytes(text))
          .post("/runs/{id}/papers", runId)
          .then()
          .statusCode(409)
          .body("error", is("renamed.md: duplicate of once.md"));
      String laterId = postPaper(runId, "later.md", markdown("Later", "Part"));

      published.awaitRecords(2, WAIT);
      assertThat(published.getRecords()).extracting(r -> read(r).paperId()).containsExactly(paperId, laterId);
    }
    assertThat(metric("distillery_ingest_rejections_total", "reason=\"duplicate\"")).isEqualTo(duplicatesBefore + 1);
    given().get("/runs/{id}", runId).then().statusCode(200)
        .body("papers", is(2))
        .body("sources.file", is(List.of("once.md", "renamed.md", "later.md")))
        .body("sources.status", is(List.of("accepted", "rejected", "accepted")))
        .body("sources[1].reason", is("duplicate of once.md"));

    String otherRun = createRun("again");
    assertThat(postPaper(otherRun, "once.md", text)).isEqualTo(Ids.paper(otherRun, Ids.sha256(bytes(text))));
  }

  @Test
  void multipartGivesEveryFileItsOwnResultAndABadOneFailsNoOther() {
    String runId = createRun("multipart");

    try (ConsumerTask<String, String> published = records(kafka, Topics.PAPER_INGESTED, runId)) {
      given().multiPart("paper", "first.md", bytes(markdown("First", "Introduction", "B", "C")), "text/markdown")
          .multiPart("paper", "figure.md", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0},
              "text/markdown")
          .multiPart("paper", "second.md", bytes(markdown("Second", "Summary")), "text/markdown")
          .post("/runs/{id}/papers", runId)
          .then()
          .statusCode(201)
          .body("accepted", is(2))
          .body("rejected", is(1))
          .body("files.file", is(Arrays.asList("first.md", "figure.md", "second.md")))
          .body("files.status", is(Arrays.asList("accepted", "rejected", "accepted")))
          .body("files.segments", is(Arrays.asList(3, 0, 1)))
          .body("files[1].reason", is("not a document: image/png"));

      assertThat(published.awaitRecords(2, WAIT).getRecords()).extracting(r -> read(r).title())
          .containsExactly("First", "Second");
    }
  }

  @Test
  void aRejectedSingleBodyAnswersWithItsStatusAndTheFileName() {
    String runId = createRun("bad input");

    given().contentType("text/markdown").body(new byte[0]).post("/runs/{id}/papers", runId)
        .then().statusCode(400).body("status", is(400)).body("error", is("paper.md: empty: the file has 0 bytes"));
    given().contentType("application/pdf").queryParam("name", "scan.pdf").body(bytes("plain words, no PDF"))
        .post("/runs/{id}/papers", runId)
        .then().statusCode(422)
        .body("error", is("scan.pdf: not a readable PDF: the content is text/plain, not PDF"));
    given().contentType("text/plain").queryParam("name", "bad.md").body(new byte[] {'#', ' ', (byte) 0xC3, 'x', 0})
        .post("/runs/{id}/papers", runId)
        .then().statusCode(415).body("error", allOf(containsString("bad.md"), containsString("offset")));
    given().contentType("text/markdown").queryParam("name", "meta.md").body(bytes("---\ntitle: Only metadata\n---\n"))
        .post("/runs/{id}/papers", runId)
        .then().statusCode(422).body("error", allOf(containsString("meta.md"), containsString("no text")));

    given().get("/runs/{id}", runId).then().statusCode(200).body("papers", is(0)).body("sources.size()", is(4));
  }

  @Test
  void identifyModeMinesPairsVerbatimAndRejectsAFileWithoutAny() {
    String runId = createRun("identify", "{\"mode\": \"IDENTIFY\"}");
    String faq = "# Help\n\n" + prose("help", 4) + "\n\nQ: How do I start?\nA: Press the green button.\n\n"
        + "Question: Is it free?\nAnswer: Yes, for personal use.\n";

    try (ConsumerTask<String, String> published = records(kafka, Topics.PAPER_INGESTED, runId)) {
      given().multiPart("f", "faq.md", bytes(faq), "text/markdown")
          .multiPart("f", "essay.md", bytes(markdown("Essay", "Thoughts")), "text/markdown")
          .post("/runs/{id}/papers", runId)
          .then()
          .statusCode(201)
          .body("files.status", is(List.of("accepted", "rejected")))
          .body("files[0].extractedPairs", is(2))
          .body("files[1].reason", is("identify mode: no question/answer pairs found in essay.md"));

      PaperIngested event = read(published.awaitRecords(1, WAIT).getFirstRecord());
      assertThat(event.config().mode()).hasToString("IDENTIFY");
      assertThat(event.extracted()).extracting(ExtractedPair::question, ExtractedPair::answer, ExtractedPair::style)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("How do I start?", "Press the green button.", "q-a"),
              org.assertj.core.groups.Tuple.tuple("Is it free?", "Yes, for personal use.", "question-answer"));
      for (ExtractedPair pair : event.extracted()) {
        assertThat(faq.substring(pair.charStart(), pair.charEnd())).startsWith(pair.question()).endsWith(pair.answer());
      }
    }
  }
}
