package dev.distillery.generation.service.openai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

import dev.distillery.contracts.EventType;
import dev.distillery.contracts.GenerationMode;
import dev.distillery.contracts.GenerationSettings;
import dev.distillery.contracts.PaperIngested;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleStatus;
import dev.distillery.contracts.TaskType;
import dev.distillery.generation.Fixtures;
import dev.distillery.generation.service.openai.FakeOpenAiServer.Arrival;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import dev.distillery.testsupport.KafkaEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Limits, budgets and resumption, against a server that counts what it is sent. */
@QuarkusTest
@TestProfile(OpenAiProfile.class)
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class ThroughputAndBudgetTest {
  private KafkaEvents kafka;

  @BeforeEach
  void connect() {
    kafka = new KafkaEvents();
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  private static PaperIngested paper(String runId, String model, double budgetUsd, int prompts, String marker) {
    GenerationSettings settings = new GenerationSettings(model, null, 0, 0, budgetUsd, null, 0, null);
    RunConfig config = new RunConfig(List.of(TaskType.QA), prompts, null, 0.1, false, GenerationMode.CREATE, 0, settings);
    return Fixtures.paper(runId, config, Fixtures.SUMMARY + "\nCase " + marker + ".");
  }

  @Test
  void under429sAnd500sEveryPromptEndsAsASampleAndTheServerNeverSeesMoreThanTheCap() {
    String runId = Fixtures.newRunId();
    String marker = UUID.randomUUID() + " " + FakeOpenAiServer.RATE_LIMITED + " " + FakeOpenAiServer.FLAKY;
    FakeOpenAiServer.MAX_IN_FLIGHT.set(FakeOpenAiServer.IN_FLIGHT.get());
    int prompts = 24;

    kafka.send(paper(runId, "capped", 0, prompts, marker));

    List<SampleGenerated> samples = kafka.awaitEvents(EventType.SAMPLE_GENERATED, runId, prompts);
    assertThat(samples).hasSize(prompts);
    assertThat(samples).allSatisfy(s -> {
      if (s.status() == SampleStatus.FAILED) {
        assertThat(s.failureReason()).startsWith("model call failed: ");
      }
    });
    assertThat(samples).filteredOn(s -> s.status() == SampleStatus.GENERATED).hasSizeGreaterThan(prompts / 2);
    assertThat(FakeOpenAiServer.MAX_IN_FLIGHT.get()).as("requests the server held at once").isLessThanOrEqualTo(OpenAiProfile.CAP);
    List<Arrival> arrivals = FakeOpenAiServer.arrivals(marker);
    assertThat(arrivals).as("retries are bounded").hasSizeLessThanOrEqualTo(prompts * (1 + OpenAiProfile.MAX_RETRIES));
    List<Arrival> limited = arrivals.stream().filter(a -> a.status() == 429).toList();
    assertThat(limited).as("the server did rate-limit").isNotEmpty();
    assertThat(arrivals.stream().filter(a -> a.status() == 500)).as("the server did fail").isNotEmpty();
    for (Arrival rateLimit : limited) {
      long answeredAt = rateLimit.atMillis() + FakeOpenAiServer.LATENCY_MS;
      assertThat(arrivals)
          .as("nothing is sent while Retry-After: 1 of the 429 at %d runs", answeredAt)
          .noneMatch(a -> a.atMillis() > answeredAt + 100 && a.atMillis() < answeredAt + 900);
    }
    given().get("/q/metrics").then()
        .body(containsString("distillery_generation_requests_total{model=\"capped\",outcome=\"rate_limited\"}"),
            containsString("distillery_generation_requests_total{model=\"capped\",outcome=\"server_error\"}"),
            containsString("distillery_generation_concurrency_limit{model=\"capped\"}"));
  }

  @Test
  void aRunStopsSpendingAtItsBudgetAndTheRestAreFailedSamplesThatSaySo() {
    String runId = Fixtures.newRunId();
    String marker = UUID.randomUUID().toString();
    double budget = 3.0;
    int prompts = 10;

    kafka.send(paper(runId, "priced", budget, prompts, marker));

    List<SampleGenerated> samples = kafka.awaitEvents(EventType.SAMPLE_GENERATED, runId, prompts);
    List<SampleGenerated> generated = samples.stream().filter(s -> s.status() == SampleStatus.GENERATED).toList();
    List<SampleGenerated> refused = samples.stream().filter(s -> s.status() == SampleStatus.FAILED).toList();
    double spent = samples.stream().mapToDouble(s -> s.generation().costUsd()).sum();
    assertThat(generated).isNotEmpty();
    assertThat(refused).isNotEmpty().allSatisfy(s -> assertThat(s.failureReason()).startsWith("budget exhausted: "));
    assertThat(spent).as("(321 + 87) tokens at $1,000 per million, per answer").isCloseTo(0.408 * generated.size(), within(1e-6))
        .isLessThanOrEqualTo(budget);
    assertThat(FakeOpenAiServer.arrivals(marker)).as("no request is sent once the budget cannot pay for it")
        .hasSize(generated.size());
    JsonPath progress = given().get("/runs/{runId}/progress", runId).then().statusCode(200).extract().jsonPath();
    assertThat(progress.getBoolean("budgetExhausted")).isTrue();
    assertThat(progress.getDouble("spentUsd")).isCloseTo(spent, within(1e-6));
    assertThat(progress.getDouble("budgetUsd")).isEqualTo(budget);
    assertThat(progress.getDouble("budgetRemainingUsd")).isCloseTo(budget - spent, within(1e-6));
    assertThat(progress.getDouble("costByModel.'fake-model'")).isCloseTo(spent, within(1e-6));
  }

  @Test
  void aReplayedPaperResumesWithoutSendingAnythingTwice() {
    String runId = Fixtures.newRunId();
    String marker = UUID.randomUUID().toString();
    PaperIngested paper = paper(runId, "capped", 0, 6, marker);
    kafka.send(paper);
    kafka.awaitEvents(EventType.SAMPLE_GENERATED, runId, 6);
    assertThat(FakeOpenAiServer.arrivals(marker)).hasSize(6);

    kafka.send(paper);

    List<SampleGenerated> again = kafka.awaitEvents(EventType.SAMPLE_GENERATED, runId, 12);
    assertThat(again.stream().map(SampleGenerated::sampleId).distinct()).as("the same six samples, sent again").hasSize(6);
    assertThat(FakeOpenAiServer.arrivals(marker)).as("every prompt had a stored answer").hasSize(6);
  }
}
