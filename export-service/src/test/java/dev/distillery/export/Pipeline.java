package dev.distillery.export;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.testsupport.EventRecords;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

/** What the tests do to the service from outside: send events, read topics, ask its REST API. */
public final class Pipeline {
  public static final Duration PATIENCE = Duration.ofSeconds(60);

  private static KafkaCompanion companion;

  private Pipeline() {}

  public static synchronized KafkaCompanion kafka() {
    if (companion == null) {
      companion = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }
    return companion;
  }

  public static void send(List<? extends DistilleryEvent> events) {
    send(events.stream().map(EventRecords::of).toList().toArray(ProducerRecord[]::new));
  }

  public static void send(DistilleryEvent... events) {
    send(List.of(events));
  }

  @SafeVarargs
  public static void send(ProducerRecord<String, String>... records) {
    kafka().produceStrings().fromRecords(List.of(records)).awaitCompletion(PATIENCE);
  }

  /** Where the service writes datasets ({@code export.data-dir}), absolute. */
  public static Path dataDir() {
    return Path.of(ConfigProvider.getConfig().getValue("export.data-dir", String.class)).toAbsolutePath();
  }

  /** The run's progress as {@code GET /runs/{id}/progress} answers it. */
  public static JsonPath progress(String runId) {
    return given().get("/runs/{runId}/progress", runId).then().statusCode(200).extract().jsonPath();
  }

  public static void awaitReceived(String runId, int received) {
    await().atMost(PATIENCE).until(() -> progress(runId).getInt("received") == received);
  }

  public static JsonPath awaitExported(String runId) {
    await().atMost(PATIENCE).until(() -> progress(runId).getString("status").equals("EXPORTED"));
    return progress(runId);
  }

  /** The record keyed by this run on a topic, once it is there. */
  public static ConsumerRecord<String, String> awaitRecord(String topic, String key) {
    try (ConsumerTask<String, String> task = kafka().consumeStrings().fromTopics(topic)) {
      await().atMost(PATIENCE).until(() -> task.getRecords().stream().anyMatch(r -> key.equals(r.key())));
      return task.getRecords().stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }
  }

  /** Sum of a Prometheus series over the lines that contain every given fragment (e.g. a tag). */
  public static double metric(String name, String... fragments) {
    String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return body.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> List.of(fragments).stream().allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
