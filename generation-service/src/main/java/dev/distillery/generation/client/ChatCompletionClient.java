package dev.distillery.generation.client;

import dev.distillery.generation.config.GenerationConfig;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * One chat completion against an OpenAI-compatible API, with the only retry policy on the path.
 *
 * <p>The model is built here rather than injected from quarkus-langchain4j's configuration because that
 * extension accepts {@code max-retries} of 1 at the lowest, which langchain4j reads as one retry: its retries
 * would run inside ours. Built with {@code maxRetries(0)}, the model makes exactly one HTTP call per attempt
 * and {@link Retry @Retry} below decides the rest. The builder still comes from quarkus-langchain4j, so the
 * calls go through the Quarkus REST client. The defaults here are overridden per deployment under
 * {@code quarkus.fault-tolerance."dev.distillery.generation.client.ChatCompletionClient/complete"}.
 */
@ApplicationScoped
public class ChatCompletionClient {
  private final ChatModel model;
  private final String modelName;
  private final MeterRegistry registry;

  @Inject
  ChatCompletionClient(GenerationConfig config, MeterRegistry registry) {
    GenerationConfig.OpenAi openai = config.openai();
    this.modelName = openai.model();
    this.registry = registry;
    this.model =
        OpenAiChatModel.builder()
            .baseUrl(openai.baseUrl())
            .apiKey(openai.apiKey().orElseThrow(() -> new IllegalStateException("no OpenAI API key is configured")))
            .modelName(openai.model())
            .temperature(openai.temperature())
            .maxTokens(openai.maxTokens())
            .timeout(Duration.ofSeconds(openai.timeoutSeconds()))
            .maxRetries(0)
            .logRequests(false)
            .logResponses(false)
            .build();
  }

  /** The configured model name, for failures that never reached the API. */
  public String modelName() {
    return modelName;
  }

  @Retry(maxRetries = 3, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 250, maxDuration = 10,
      durationUnit = ChronoUnit.MINUTES)
  @RetryWhen(exception = TransientFailure.class)
  @ExponentialBackoff(factor = 2, maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
  @Timeout(value = 60, unit = ChronoUnit.SECONDS)
  public ChatCompletion complete(String systemMessage, String userMessage) {
    ChatRequest request =
        ChatRequest.builder().messages(SystemMessage.from(systemMessage), UserMessage.from(userMessage)).build();
    Timer.Sample attempt = Timer.start(registry);
    String outcome = "failure";
    try {
      ChatResponse response = model.chat(request);
      outcome = "success";
      TokenUsage usage = response.tokenUsage();
      return new ChatCompletion(
          response.aiMessage() == null ? null : response.aiMessage().text(),
          response.modelName() == null ? modelName : response.modelName(),
          usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
          usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
    } finally {
      attempt.stop(
          Timer.builder("distillery.llm.latency")
              .description("Time of one chat completion attempt")
              .tag("model", modelName)
              .tag("outcome", outcome)
              .publishPercentileHistogram()
              .register(registry));
    }
  }
}
