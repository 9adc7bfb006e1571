package dev.distillery.ingest.rest;

import static dev.distillery.ingest.TestDocuments.prose;
import static dev.distillery.ingest.TestPapers.bytes;
import static dev.distillery.ingest.TestPapers.createRun;
import static dev.distillery.ingest.TestPapers.metric;
import static dev.distillery.ingest.TestPapers.records;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.distillery.contracts.EventType;
import dev.distillery.contracts.RunClosed;
import dev.distillery.contracts.SourceStatus;
import dev.distillery.contracts.Topics;
import dev.distillery.ingest.TestDocuments;
import dev.distillery.ingest.TestDocuments.Section;
import dev.distillery.ingest.TestPapers;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.MultiPartConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import org.apache.http.entity.mime.HttpMultipartMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The folder of hostile files from issue 3's acceptance, in one multipart request: every file gets a result, the
 * good ones become papers, the service still answers, and the results reach GET /runs/{id} and run.closed.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class HostileFilesTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
      'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, (byte) 0xC4, (byte) 0x89};
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
  void everyHostileFileGetsAResultAndTheGoodOnesBecomePapers() {
    String runId = createRun("hostile");
    List<Section> sections = List.of(new Section("Introduction", prose("caching", 14)),
        new Section("Method", prose("eviction", 14)));
    byte[] pdf = TestDocuments.pdf("Caching at Scale", "Grace Hopper", sections);
    byte[] utf8 = ("# Caf\u00e9\n\n" + prose("caf\u00e9", 4)).getBytes(StandardCharsets.UTF_8);
    byte[] invalid = Arrays.copyOf(utf8, utf8.length + 1);
    invalid[utf8.length] = (byte) 0xFE;
    byte[] utf16 = ("\uFEFF# \u00dcber Caches\n\n" + prose("caches", 4)).getBytes(StandardCharsets.UTF_16LE);
    byte[] nul = ("# Title\n\n" + prose("x", 10)).getBytes(StandardCharsets.UTF_8);
    nul[300] = 0;
    StringBuilder manyH1 = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      manyH1.append("# Part ").append(i).append("\n\nShort text ").append(i).append(".\n\n");
    }
    String paragraph = prose("scale", 10) + "\n\n";
    String twentyMb = "# Huge\n\n" + paragraph.repeat(20 * 1024 * 1024 / paragraph.length() + 1);

    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("good.pdf", pdf);
    files.put("good.docx", TestDocuments.docx("Word Paper", "Ann", sections));
    files.put("empty.md", bytes("  \n\n \t \n"));
    files.put("zero.pdf", new byte[0]);
    files.put("truncated.pdf", Arrays.copyOf(pdf, pdf.length / 3));
    files.put("fake.pdf", bytes("I am not a PDF at all."));
    files.put("image.md", PNG);
    files.put("invalid-utf8.md", invalid);
    files.put("utf16.md", utf16);
    files.put("nul.md", nul);
    files.put("20mb.md", twentyMb.getBytes(StandardCharsets.UTF_8));
    files.put("no-headings.txt", bytes(prose("plain", 40)));
    files.put("5000-h1.md", bytes(manyH1.toString()));
    files.put("Résumé – 数据 final (v2).md", bytes("# R\u00e9sum\u00e9\n\n" + prose("careers", 14)));
    files.put("page.html", bytes(TestDocuments.hostileHtml()));
    files.put("unclosed.md", bytes("# Setup\n\n" + prose("setup", 14) + "\n\n```bash\n# install\npip install it\n"));
    files.put("crlf.md", bytes("# One\r\n\r\n" + prose("one", 14) + "\r\n"));
    double notADocument = metric("distillery_ingest_rejections_total", "reason=\"not-a-document\"");
    double bytesBefore = metric("distillery_ingest_bytes_total", "");

    // browsers send a file name as UTF-8 in the part's header; rest-assured's default mode would send '?' instead
    RequestSpecification request = given().config(RestAssuredConfig.config()
        .httpClient(HttpClientConfig.httpClientConfig().httpMultipartMode(HttpMultipartMode.BROWSER_COMPATIBLE))
        .multiPartConfig(MultiPartConfig.multiPartConfig().defaultCharset(StandardCharsets.UTF_8)));
    files.forEach((name, content) -> request.multiPart("file", name, content, "application/octet-stream"));
    Response response = request.post("/runs/{id}/papers", runId);

    response.then().statusCode(201).body("files.size()", is(files.size()));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("good.pdf", "accepted");
    expected.put("good.docx", "accepted");
    expected.put("empty.md", "empty: the file holds only whitespace");
    expected.put("zero.pdf", "empty: the file has 0 bytes");
    expected.put("truncated.pdf", "not a readable PDF: ");
    expected.put("fake.pdf", "not a readable PDF: the content is text/plain, not PDF");
    expected.put("image.md", "not a document: image/png");
    expected.put("invalid-utf8.md", "not valid UTF-8: invalid byte 0xFE at offset " + utf8.length);
    expected.put("utf16.md", "accepted");
    expected.put("nul.md", "not text: NUL byte at offset 300 (binary data)");
    expected.put("20mb.md", "accepted");
    expected.put("no-headings.txt", "accepted");
    expected.put("5000-h1.md", "accepted");
    expected.put("Résumé – 数据 final (v2).md", "accepted");
    expected.put("page.html", "accepted");
    expected.put("unclosed.md", "accepted");
    expected.put("crlf.md", "accepted");
    List<Map<String, Object>> results = response.jsonPath().getList("files");
    assertThat(results).extracting(r -> r.get("file")).containsExactlyElementsOf(expected.keySet());
    for (Map<String, Object> result : results) {
      String want = expected.get((String) result.get("file"));
      if (want.equals("accepted")) {
        assertThat(result.get("status")).as("%s", result).isEqualTo("accepted");
        assertThat((Integer) result.get("segments")).as("%s", result).isPositive();
      } else {
        assertThat(result.get("status")).as("%s", result).isEqualTo("rejected");
        assertThat((String) result.get("reason")).as("%s", result).startsWith(want);
      }
    }
    assertThat(results.get(14).get("flags")).isEqualTo(List.of("prompt-injection"));
    assertThat(results.get(8).get("title")).isEqualTo("\u00dcber Caches");
    assertThat(metric("distillery_ingest_rejections_total", "reason=\"not-a-document\"")).isEqualTo(notADocument + 1);
    assertThat(metric("distillery_ingest_bytes_total", "")).isGreaterThan(bytesBefore + 20 * 1024 * 1024);

    given().get("/q/health/live").then().statusCode(200);
    given().get("/runs/{id}", runId).then().statusCode(200)
        .body("papers", is(10))
        .body("sources.size()", is(files.size()))
        .body("sources[6].status", is("rejected"))
        .body("sources[6].reason", is("not a document: image/png"));

    try (ConsumerTask<String, String> closed = records(kafka, Topics.RUN_CLOSED, runId)) {
      given().post("/runs/{id}/close", runId).then().statusCode(200);
      RunClosed event = EventRecords.codec().read(EventType.RUN_CLOSED,
          closed.awaitRecords(1, Duration.ofSeconds(30)).getFirstRecord().value());
      assertThat(event.paperIds()).hasSize(10);
      assertThat(event.sources()).extracting(SourceStatus::file).containsExactlyElementsOf(expected.keySet());
      assertThat(event.sources().get(0)).satisfies(pdfSource -> {
        assertThat(pdfSource.accepted()).isTrue();
        assertThat(pdfSource.mediaType()).isEqualTo("application/pdf");
        assertThat(pdfSource.bytes()).isEqualTo(pdf.length);
        assertThat(pdfSource.paperId()).isEqualTo(event.paperIds().get(0));
      });
      assertThat(event.sources().get(3).reason()).isEqualTo("empty: the file has 0 bytes");
    }
  }

  @Test
  void aFileOverTheSizeCapIsRejectedWithoutStoppingTheOthers() {
    String runId = createRun("too large");
    long cap = 24L * 1024 * 1024;

    given().multiPart("file", "big.md", new byte[(int) cap + 1], "text/markdown")
        .multiPart("file", "small.md", bytes("# Small\n\n" + prose("small", 5)), "text/markdown")
        .post("/runs/{id}/papers", runId)
        .then()
        .statusCode(201)
        .body("files.status", is(List.of("rejected", "accepted")))
        .body("files[0].reason", is("larger than 24 MB"));
  }
}
