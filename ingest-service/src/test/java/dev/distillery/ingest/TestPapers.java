package dev.distillery.ingest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.ConfigProvider;

/** Papers, runs and topic readers the REST tests share. */
public final class TestPapers {

  private TestPapers() {}

  /**
   * A paper with its title in front matter and one H1 per heading. The title is the front matter's only when the
   * first heading is a section name such as "Introduction" (see MarkdownPaperParser).
   */
  public static String markdown(String title, String... headings) {
    StringBuilder text = new StringBuilder("---\ntitle: ").append(title).append("\n---\n\n");
    for (String heading : headings) {
      text.append("# ").append(heading).append("\n\n");
      text.append(("In " + title + ", the section on " + heading + " explains one idea at length. ").repeat(20));
      text.append("\n\n");
    }
    return text.toString();
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static String createRun(String name) {
    return createRun(name, "{}");
  }

  /** A run with this config (JSON). */
  public static String createRun(String name, String config) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"name\": \"" + name + "\", \"config\": " + config + "}")
        .post("/runs")
        .then()
        .statusCode(201)
        .extract()
        .path("runId");
  }

  public static String postPaper(String runId, String fileName, String markdown) {
    return given()
        .contentType("text/markdown")
        .queryParam("name", fileName)
        .body(bytes(markdown))
        .post("/runs/{id}/papers", runId)
        .then()
        .statusCode(201)
        .extract()
        .path("files[0].paperId");
  }

  public static KafkaCompanion kafka() {
    return new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
  }

  /** Every record of the topic with this key, from the beginning; other tests' runs are filtered out. */
  public static ConsumerTask<String, String> records(KafkaCompanion kafka, String topic, String key) {
    return kafka.consumeStrings()
        .withGroupId("ingest-test-" + UUID.randomUUID())
        .withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
        .fromTopics(topic, records -> records.select().where(r -> key.equals(r.key())));
  }

  /** A counter's value in /q/metrics, 0 when it was never incremented. */
  public static double metric(String name, String tags) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$").matcher(metrics);
    while (m.find()) {
      if (tags.isEmpty() || (m.group(1) != null && m.group(1).contains(tags))) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }
}
