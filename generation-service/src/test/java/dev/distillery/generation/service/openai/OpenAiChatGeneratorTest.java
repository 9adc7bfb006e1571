package dev.distillery.generation.service.openai;

import dev.distillery.testsupport.KafkaEvents;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.GenerationMode;
import dev.distillery.contracts.GenerationSettings;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleStatus;
import dev.distillery.contracts.TaskType;
import dev.distillery.contracts.Topics;
import dev.distillery.generation.Fixtures;
import dev.distillery.testsupport.EventRecords;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(OpenAiProfile.class)
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class OpenAiChatGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ANSWER =
      "{\"instruction\": \"Why does Sievelite use a running median?\", \"input\": \"\","
          + " \"output\": \"A running median ignores single spikes, unlike a moving average.\"}";

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
  void aRawJsonAnswerBecomesASampleWithTheModelsUsage() {
    String marker = marker();
    openAi.stubFor(completion(marker).willReturn(okJson(chatCompletion(ANSWER))));

    SampleGenerated sample = answer(marker);

    assertThat(sample.status()).isEqualTo(SampleStatus.GENERATED);
    assertThat(sample.instruction()).isEqualTo("Why does Sievelite use a running median?");
    assertThat(sample.output()).isEqualTo("A running median ignores single spikes, unlike a moving average.");
    assertThat(sample.generation().generator()).isEqualTo("openai-chat");
    assertThat(sample.generation().model()).isEqualTo("test-model-2026-01-01");
    assertThat(sample.generation().offline()).isFalse();
    assertThat(sample.generation().promptTokens()).isEqualTo(321);
    assertThat(sample.generation().completionTokens()).isEqualTo(87);
    assertThat(sample.generation().costUsd()).as("321 × $2.50 + 87 × $10 per million").isCloseTo(0.0016725, within(1e-9));
    openAi.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer " + OpenAiProfile.API_KEY))
            .withRequestBody(matchingJsonPath("$.model", equalTo(OpenAiProfile.MODEL)))
            .withRequestBody(containing(marker)));
    given().get("/q/metrics").then()
        .body(
            containsString("distillery_generation_requests_total{model=\"openai\",outcome=\"success\"}"),
            containsString("distillery_generation_latency_seconds_count{model=\"openai\",outcome=\"success\"}"),
            containsString("distillery_generation_tokens_total{direction=\"input\",model=\"openai\"}"),
            containsString("distillery_generation_cost_usd_total{model=\"openai\"}"),
            containsString("distillery_generation_in_flight{model=\"openai\"}"),
            containsString("distillery_generation_concurrency_limit{model=\"openai\"}"),
            containsString("distillery_generation_budget_remaining_usd"));
    openAi.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing(marker))
        .withRequestBody(matchingJsonPath("$.response_format", absent())));
  }

  @Test
  void reasoningReturnedApartFromTheAnswerIsKeptOnTheSample() {
    String deepSeekStyle = marker();
    String openRouterStyle = marker();
    openAi.stubFor(completion(deepSeekStyle).willReturn(okJson(chatCompletion(ANSWER, "reasoning_content", "Spikes matter."))));
    openAi.stubFor(completion(openRouterStyle).willReturn(okJson(chatCompletion(ANSWER, "reasoning", "Medians are robust."))));

    assertThat(answer(deepSeekStyle).reasoning()).isEqualTo("Spikes matter.");
    assertThat(answer(openRouterStyle).reasoning()).isEqualTo("Medians are robust.");
  }

  @Test
  void anAnswerWithoutUsageIsCountedWithOurOwnTokenCount() {
    String marker = marker();
    ObjectNode body = (ObjectNode) readTree(chatCompletion(ANSWER));
    body.remove("usage");
    openAi.stubFor(completion(marker).willReturn(okJson(body.toString())));

    SampleGenerated sample = answer(marker);

    assertThat(sample.status()).isEqualTo(SampleStatus.GENERATED);
    assertThat(sample.generation().promptTokens()).isGreaterThan(Fixtures.SUMMARY.length() / 6);
    assertThat(sample.generation().completionTokens()).isBetween(20, 60);
    assertThat(sample.generation().costUsd()).isPositive();
  }

  @Test
  void aRateLimitWithRetryAfterIsWaitedOutThenRetried() {
    String marker = marker();
    openAi.stubFor(completion(marker).inScenario(marker).whenScenarioStateIs(Scenario.STARTED)
        .willReturn(error(429, "Rate limit reached").withHeader("Retry-After", "1")).willSetStateTo("cooled down"));
    openAi.stubFor(completion(marker).inScenario(marker).whenScenarioStateIs("cooled down")
        .willReturn(okJson(chatCompletion(ANSWER))));

    assertThat(answer(marker).status()).isEqualTo(SampleStatus.GENERATED);

    List<Long> arrivals = arrivals(marker);
    assertThat(arrivals).hasSize(2);
    assertThat(arrivals.get(1) - arrivals.get(0)).as("Retry-After: 1 was honoured").isGreaterThanOrEqualTo(950);
  }

  @Test
  void aStalledAnswerTimesOutAndIsRetriedABoundedNumberOfTimes() {
    String marker = marker();
    openAi.stubFor(completion(marker).willReturn(okJson(chatCompletion(ANSWER))
        .withFixedDelay(OpenAiProfile.TIMEOUT_SECONDS * 1000 + 1500)));

    SampleGenerated sample = answer(marker);

    assertThat(sample.status()).isEqualTo(SampleStatus.FAILED);
    assertThat(sample.failureReason()).startsWith("model call failed: openai: no answer within " + OpenAiProfile.TIMEOUT_SECONDS + " s");
    assertThat(arrivals(marker)).hasSize(1 + OpenAiProfile.MAX_RETRIES);
  }

  @Test
  void aCustomPromptRunWithoutItsPromptFailsWithTheReason() {
    PromptReady prompt = Fixtures.prompt(Fixtures.newRunId(), TaskType.CUSTOM, 0, "Summary", Fixtures.SUMMARY);
    kafka.send(prompt);

    SampleGenerated sample = kafka.<SampleGenerated>awaitEvents(EventType.SAMPLE_GENERATED, prompt.runId(), 1).get(0);

    assertThat(sample.status()).isEqualTo(SampleStatus.FAILED);
    assertThat(sample.failureReason()).startsWith("task type CUSTOM needs the run's generation.customPrompt");
  }

  @Test
  void aFencedAnswerIsReadToo() {
    String marker = marker();
    openAi.stubFor(completion(marker).willReturn(okJson(chatCompletion("Here it is:\n```json\n" + ANSWER + "\n```"))));

    SampleGenerated sample = answer(marker);

    assertThat(sample.status()).isEqualTo(SampleStatus.GENERATED);
    assertThat(sample.instruction()).isEqualTo("Why does Sievelite use a running median?");
  }

  @Test
  void anUnparseableAnswerIsAFailedSampleThatSaysWhy() {
    String marker = marker();
    openAi.stubFor(completion(marker).willReturn(okJson(chatCompletion("The running median is robust."))));

    SampleGenerated sample = answer(marker);

    assertThat(sample.status()).isEqualTo(SampleStatus.FAILED);
    assertThat(sample.failureReason())
        .isEqualTo("unparseable model output: the answer holds no JSON object; it begins: \"The running median is robust.\"");
    assertThat(sample.output()).isNull();
    assertThat(sample.rawOutput()).isEqualTo("The running median is robust.");
    assertThat(sample.generation().completionTokens()).as("the failed answer was still paid for").isEqualTo(87);
  }

  @Test
  void aTransientErrorIsRetriedAndAPermanentOneIsNot() {
    String flaky = marker();
    openAi.stubFor(completion(flaky).inScenario(flaky).whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
    openAi.stubFor(completion(flaky).inScenario(flaky).whenScenarioStateIs("recovered")
        .willReturn(okJson(chatCompletion(ANSWER))));
    String rejected = marker();
    openAi.stubFor(completion(rejected).willReturn(error(401, "Incorrect API key provided: " + OpenAiProfile.API_KEY)));

    assertThat(answer(flaky).status()).isEqualTo(SampleStatus.GENERATED);
    SampleGenerated failed = answer(rejected);

    openAi.verify(exactly(2), postRequestedFor(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing(flaky)));
    openAi.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing(rejected)));
    assertThat(failed.status()).isEqualTo(SampleStatus.FAILED);
    assertThat(failed.failureReason()).startsWith("model call failed: ").doesNotContain(OpenAiProfile.API_KEY);
  }

  @Test
  void aServerThatKeepsFailingIsTriedOncePlusTheConfiguredRetriesOnly() {
    String marker = marker();
    openAi.stubFor(completion(marker).willReturn(error(500, "The server had an error while processing your request.")));

    SampleGenerated sample = answer(marker);

    assertThat(sample.status()).isEqualTo(SampleStatus.FAILED);
    assertThat(sample.failureReason()).startsWith("model call failed: ");
    openAi.verify(
        exactly(1 + OpenAiProfile.MAX_RETRIES),
        postRequestedFor(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing(marker)));
  }

  @Test
  void aPromptDeliveredAgainIsNotPaidForTwice() {
    String marker = marker();
    openAi.stubFor(completion(marker).willReturn(okJson(chatCompletion(ANSWER))));
    PromptReady prompt = prompt(marker);
    kafka.send(prompt);
    kafka.awaitEvents(EventType.SAMPLE_GENERATED, prompt.runId(), 1);

    kafka.send(prompt);

    List<SampleGenerated> sent = kafka.awaitEvents(EventType.SAMPLE_GENERATED, prompt.runId(), 2);
    assertThat(sent).extracting(SampleGenerated::eventId).containsOnly(sent.get(0).eventId());
    openAi.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing(marker)));
  }

  @Test
  void keepsManyModelCallsInFlightAtOnce() {
    String marker = marker();
    int prompts = 8;
    int delayMs = 2_000;
    openAi.stubFor(completion(marker).willReturn(okJson(chatCompletion(ANSWER)).withFixedDelay(delayMs)));
    // A model of its own, so that the rate limits other tests provoke have not lowered its adaptive limit.
    GenerationSettings wide = new GenerationSettings("wide", null, 0, 0, 0, null, 0, null);
    String runId = Fixtures.newRunId();

    kafka.send(Fixtures.paper(runId, new RunConfig(List.of(TaskType.QA), prompts, null, 0.1, false,
        GenerationMode.CREATE, 0, wide), Fixtures.SUMMARY + "\nCase " + marker + "."));

    assertThat(kafka.await(Topics.SAMPLE_GENERATED, runId, prompts)).hasSize(prompts);
    List<Long> arrivals = arrivals(marker);
    assertThat(arrivals).hasSize(prompts);
    assertThat(arrivals.get(prompts - 1) - arrivals.get(0))
        .as("every call arrived before the first one was answered, so all were in flight together")
        .isLessThan(delayMs);
  }

  private SampleGenerated answer(String marker) {
    PromptReady prompt = prompt(marker);
    kafka.send(prompt);
    ConsumerRecord<String, String> record = kafka.await(Topics.SAMPLE_GENERATED, prompt.runId(), 1).get(0);
    assertThat(record.value()).as("no event carries the API key").doesNotContain(OpenAiProfile.API_KEY);
    return EventRecords.codec().read(EventType.SAMPLE_GENERATED, record.value());
  }

  /** A prompt whose segment carries the marker, so that the stub answering it answers nothing else. */
  private static PromptReady prompt(String marker) {
    return Fixtures.prompt(
        Fixtures.newRunId(), TaskType.CONCEPT_EXPLANATION, 0, "Summary", Fixtures.SUMMARY + "\nCase " + marker + ".");
  }

  private static String marker() {
    return UUID.randomUUID().toString();
  }

  private static MappingBuilder completion(String marker) {
    return post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing(marker));
  }

  private List<Long> arrivals(String marker) {
    return openAi.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing(marker)))
        .stream()
        .map(request -> request.getLoggedDate().getTime())
        .sorted()
        .toList();
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String chatCompletion(String content, String reasoningField, String reasoning) {
    ObjectNode body = (ObjectNode) readTree(chatCompletion(content));
    ((ObjectNode) body.get("choices").get(0).get("message")).put(reasoningField, reasoning);
    return body.toString();
  }

  private static String chatCompletion(String content) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 1_790_000_000L)
        .put("model", "test-model-2026-01-01");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", content);
    body.putObject("usage").put("prompt_tokens", 321).put("completion_tokens", 87).put("total_tokens", 408);
    return body.toString();
  }

  private static ResponseDefinitionBuilder error(int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", "invalid_request_error");
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body.toString());
  }
}
