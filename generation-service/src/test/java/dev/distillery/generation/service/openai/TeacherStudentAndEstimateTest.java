package dev.distillery.generation.service.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(OpenAiProfile.class)
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class TeacherStudentAndEstimateTest {
  private static final String TEACHER_ANSWER = "Why does Sievelite use a running median?";

  @InjectWireMock WireMockServer openAi;
  private KafkaEvents kafka;

  @BeforeEach
  void connect() {
    kafka = new KafkaEvents();
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  @Test
  void theTeacherAnswersItsShareFirstAndTheStudentsPromptsCarryItsSamplesAsExamples() {
    String runId = Fixtures.newRunId();
    String marker = UUID.randomUUID().toString();
    GenerationSettings settings = new GenerationSettings("capped", "teacher", 0.2, 2, 0, null, 0, null);
    RunConfig config =
        new RunConfig(List.of(TaskType.QA, TaskType.SUMMARY), 5, null, 0.1, false, GenerationMode.CREATE, 0, settings);
    PaperIngested paper =
        Fixtures.paper(runId, config, Fixtures.SUMMARY + "\nCase " + marker + ".", Fixtures.USAGE + "\nCase " + marker + ".");

    kafka.send(paper);

    List<SampleGenerated> samples = kafka.awaitEvents(EventType.SAMPLE_GENERATED, runId, 10);
    assertThat(samples).allSatisfy(s -> assertThat(s.status()).isEqualTo(SampleStatus.GENERATED));
    assertThat(samples).filteredOn(s -> s.generation().model().equals("fake-teacher"))
        .as("a fifth of each task type's prompts, rounded up: two of six QA, one of four summaries").hasSize(3);
    List<Arrival> arrivals = FakeOpenAiServer.arrivals(marker);
    List<Arrival> teacher = arrivals.stream().filter(a -> a.body().contains("\"model\":\"fake-teacher\"")).toList();
    List<Arrival> student = arrivals.stream().filter(a -> a.body().contains("\"model\":\"fake-model\"")).toList();
    assertThat(teacher).hasSize(3);
    assertThat(student).hasSize(7).allSatisfy(a -> assertThat(a.body())
        .contains("Examples of good samples of this task, written by a stronger model")
        .contains(TEACHER_ANSWER));
    long lastTeacher = teacher.stream().mapToLong(Arrival::atMillis).max().orElseThrow();
    assertThat(student).as("students are asked only once the teacher has answered")
        .allSatisfy(a -> assertThat(a.atMillis()).isGreaterThanOrEqualTo(lastTeacher));
    JsonPath progress = given().get("/runs/{runId}/progress", runId).then().statusCode(200).extract().jsonPath();
    assertThat(progress.getDouble("costByModel.'fake-teacher'")).as("3 × 408 tokens at $100 per million")
        .isCloseTo(3 * 408 * 100 / 1e6, within(1e-9));
    assertThat(progress.getMap("costByModel")).containsOnlyKeys("fake-teacher");
  }

  @Test
  void aRunsCostIsEstimatedFromItsPlannedTokensBeforeItIsSpent() {
    String runId = Fixtures.newRunId();
    String marker = UUID.randomUUID().toString();
    openAi.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing(marker))
        .willReturn(okJson("{\"choices\": [{\"message\": {\"content\": \"{}\"}}]}").withFixedDelay(2_000)));
    RunConfig config = new RunConfig(List.of(TaskType.QA, TaskType.SUMMARY), 2, null, 0.1, false, GenerationMode.CREATE, 0,
        new GenerationSettings(null, null, 0, 0, 5.0, null, 0, null));

    kafka.send(Fixtures.paper(runId, config, Fixtures.SUMMARY + "\nCase " + marker + ".", Fixtures.USAGE + "\nCase " + marker + "."));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        given().get("/runs/{runId}/progress", runId).then().body("promptsPlanned", is(4)));

    String body = given().post("/runs/{runId}/estimate", runId).then().statusCode(200).extract().asString();
    JsonPath estimate = JsonPath.from(body);
    long promptTokens = estimate.getLong("promptTokens");
    assertThat(estimate.getInt("prompts")).isEqualTo(4);
    assertThat(promptTokens).as("two segments, each asked twice").isGreaterThan(4 * 300);
    assertThat(estimate.getLong("expectedOutputTokens")).isEqualTo(4 * 400);
    assertThat(estimate.getDouble("estimatedUsd")).as("the default model's $2.50 in, $10 out per million")
        .isCloseTo((promptTokens * 2.5 + 4 * 400 * 10) / 1e6, within(1e-9));
    assertThat(estimate.getBoolean("withinBudget")).isTrue();
    assertThat(estimate.getString("models[0].model")).isEqualTo("openai");
    given().post("/runs/{runId}/estimate", UUID.randomUUID()).then().statusCode(404)
        .body("error", startsWith("run "));
  }
}
