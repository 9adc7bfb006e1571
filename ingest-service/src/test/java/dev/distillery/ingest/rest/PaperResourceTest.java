package dev.distillery.ingest.rest;

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
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PaperIngested;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.Segment;
import dev.distillery.contracts.Topics;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
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

  @Test
  void aMarkdownBodyBecomesSegmentsAndOnePaperIngestedWithCloudEventsHeaders() {
    String runId = createRun("body");
    String text = markdown("Attention Is Enough", "Introduction", "Method");
    String paperId = Ids.paper(runId, Ids.sha256(bytes(text)));
    double segmentsBefore = metric("distillery_segments_created_total", "");

    try (ConsumerTask<String, String> published = records(kafka, Topics.PAPER_INGESTED, runId)) {
      given().contentType("text/markdown; charset=UTF-8").queryParam("name", "attention.md").body(bytes(text))
          .post("/runs/{id}/papers", runId)
          .then()
          .statusCode(201)
          .body("runId", is(runId))
          .body("papers[0].paperId", is(paperId))
          .body("papers[0].title", is("Attention Is Enough"))
          .body("papers[0].segments", is(2))
          .body("papers[0].duplicate", is(false));

      ConsumerRecord<String, String> record = published.awaitRecords(1, WAIT).getFirstRecord();
      PaperIngested event = EventRecords.codec().read(EventType.PAPER_INGESTED, record.value());
      assertThat(record.key()).isEqualTo(runId);
      assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(event.eventId());
      assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("dev.distillery.paper.ingested.v1");
      assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/distillery/ingest-service");
      assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
      assertThat(Instant.parse(header(record, CloudEventHeaders.TIME))).isEqualTo(event.producedAt());
      assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
      assertThat(event.paperId()).isEqualTo(paperId);
      assertThat(event.sourceName()).isEqualTo("attention.md");
      assertThat(event.config()).isEqualTo(RunConfig.defaults());
      assertThat(event.segments()).extracting(Segment::heading).containsExactly("Introduction", "Method");
      assertThat(event.segments().get(1).segmentId()).isEqualTo(Ids.segment(paperId, 1));
      assertThat(event.segments().get(1).text()).startsWith("# Method\n\nIn Attention Is Enough");
    }
    assertThat(metric("distillery_segments_created_total", "")).isEqualTo(segmentsBefore + 2);
  }

  @Test
  void theSamePaperTwiceIsStoredAndPublishedOnce() {
    String runId = createRun("twice");
    String first = markdown("Once", "Only");
    double duplicatesBefore = metric("distillery_papers_ingested_total", "outcome=\"duplicate\"");

    try (ConsumerTask<String, String> published = records(kafka, Topics.PAPER_INGESTED, runId)) {
      String paperId = postPaper(runId, "once.md", first);
      given().contentType("text/plain").queryParam("name", "renamed.md").body(bytes(first))
          .post("/runs/{id}/papers", runId)
          .then()
          .statusCode(200)
          .body("papers[0].paperId", is(paperId))
          .body("papers[0].duplicate", is(true))
          .body("papers[0].segments", is(1));
      // one key, one partition: once the later paper's event is there, a second one of the first would be too
      String laterId = postPaper(runId, "later.md", markdown("Later", "Part"));

      published.awaitRecords(2, WAIT);
      assertThat(published.getRecords())
          .extracting(r -> EventRecords.codec().<PaperIngested>read(EventType.PAPER_INGESTED, r.value()).paperId())
          .containsExactly(paperId, laterId);
    }
    assertThat(metric("distillery_papers_ingested_total", "outcome=\"duplicate\"")).isEqualTo(duplicatesBefore + 1);
    given().get("/runs/{id}", runId).then().statusCode(200).body("papers", is(2)).body("segments", is(2));
  }

  @Test
  void multipartCarriesSeveralPapersInOrder() {
    String runId = createRun("multipart");

    try (ConsumerTask<String, String> published = records(kafka, Topics.PAPER_INGESTED, runId)) {
      given().multiPart("paper", "first.md", bytes(markdown("First", "Introduction", "B", "C")), "text/markdown")
          .multiPart("paper", "second.md", bytes(markdown("Second", "Summary")), "text/markdown")
          .post("/runs/{id}/papers", runId)
          .then()
          .statusCode(201)
          .body("papers.title", is(Arrays.asList("First", "Second")))
          .body("papers.segments", is(Arrays.asList(3, 1)))
          .body("papers.sourceName", is(Arrays.asList("first.md", "second.md")));

      assertThat(published.awaitRecords(2, WAIT).getRecords())
          .extracting(r -> EventRecords.codec().<PaperIngested>read(EventType.PAPER_INGESTED, r.value()).title())
          .containsExactly("First", "Second");
    }
  }

  @Test
  void badFilesAreRefusedWithTheFileNameAndTheReason() {
    String runId = createRun("bad input");

    given().contentType("text/markdown").body(new byte[0]).post("/runs/{id}/papers", runId)
        .then().statusCode(400).body("status", is(400)).body("error", is("paper.md: the file is empty"));
    given().contentType("text/markdown").queryParam("name", "scan.pdf").body(new byte[] {'%', 'P', 'D', 'F', 0, 7})
        .post("/runs/{id}/papers", runId)
        .then().statusCode(415).body("error", allOf(containsString("scan.pdf"), containsString("binary")));
    given().contentType("text/plain").queryParam("name", "latin1.md").body(new byte[] {'#', ' ', 'd', (byte) 0xE9})
        .post("/runs/{id}/papers", runId)
        .then().statusCode(415).body("error", allOf(containsString("latin1.md"), containsString("not UTF-8")));
    int limit = ConfigProvider.getConfig().getValue("ingest.max-paper-bytes", Integer.class);
    given().contentType("text/markdown").queryParam("name", "huge.md").body(new byte[limit + 1])
        .post("/runs/{id}/papers", runId)
        .then().statusCode(413)
        .body("error", allOf(containsString("huge.md"), containsString("ingest.max-paper-bytes")));
    given().contentType("text/markdown").queryParam("name", "meta.md").body(bytes("---\ntitle: Only metadata\n---\n"))
        .post("/runs/{id}/papers", runId)
        .then().statusCode(422).body("error", allOf(containsString("meta.md"), containsString("no text")));
    given().contentType("application/octet-stream").body(bytes("# hi")).post("/runs/{id}/papers", runId)
        .then().statusCode(415).body("error", containsString("text/markdown"));

    given().get("/runs/{id}", runId).then().statusCode(200).body("papers", is(0));
  }

  @Test
  void badFilesInAMultipartRequestRejectTheWholeRequest() {
    String runId = createRun("all or nothing");

    given().multiPart("paper", "good.md", bytes(markdown("Good", "Fine")), "text/markdown")
        .multiPart("paper", "figure.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}, "image/png")
        .post("/runs/{id}/papers", runId)
        .then()
        .statusCode(415)
        .body("error", allOf(containsString("figure.png"), containsString("binary")));
    given().multiPart("paper", "good.md", bytes(markdown("Good", "Fine")), "text/markdown")
        .multiPart("paper", "blank.md", new byte[0], "text/markdown")
        .multiPart("paper", "figure.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}, "image/png")
        .post("/runs/{id}/papers", runId)
        .then()
        .statusCode(400)
        .body("error", allOf(
            containsString("2 files rejected, nothing stored"),
            containsString("blank.md: the file is empty"),
            containsString("figure.png: the file is binary")));

    given().get("/runs/{id}", runId).then().statusCode(200).body("papers", is(0)).body("segments", is(0));
  }
}
