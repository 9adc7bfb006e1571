package dev.distillery.generation.service.openai;

import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.PromptReady;
import dev.distillery.generation.GeneratedSample;
import dev.distillery.generation.client.ChatCompletion;
import dev.distillery.generation.client.ChatCompletionClient;
import dev.distillery.generation.config.GenerationConfig;
import dev.distillery.generation.service.SampleGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Asks an OpenAI-compatible chat model for each sample. A call that still fails after the client's retries,
 * or an answer that is not the JSON asked for, becomes a {@code FAILED} sample whose reason says why.
 */
@ApplicationScoped
public class OpenAiChatGenerator implements SampleGenerator {
  public static final String NAME = "openai-chat";
  private static final Logger LOG = Logger.getLogger(OpenAiChatGenerator.class);
  private static final Pattern SECRET = Pattern.compile("\\b(sk-|Bearer\\s+)[A-Za-z0-9._*-]{6,}");
  private static final int MAX_REASON_CHARS = 500;

  @Inject ChatCompletionClient client;
  @Inject GenerationConfig config;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GeneratedSample generate(PromptReady prompt) {
    GenerationPrompt request = GenerationPrompt.of(prompt, config.openai().maxSegmentChars());
    long started = System.nanoTime();
    ChatCompletion completion;
    try {
      completion = client.complete(request.system(), request.user());
    } catch (RuntimeException e) {
      String reason = "model call failed: " + describe(e);
      LOG.warnf("prompt %s: %s", prompt.promptId(), reason);
      return GeneratedSample.failed(reason, info(client.modelName(), 0, 0, started));
    }
    GenerationInfo info = info(completion.model(), completion.promptTokens(), completion.completionTokens(), started);
    try {
      ParsedAnswer answer = AnswerParser.parse(completion.text());
      return GeneratedSample.generated(answer.instruction(), answer.input(), answer.output(), info);
    } catch (UnparseableAnswerException e) {
      String reason = "unparseable model output: " + e.getMessage();
      LOG.warnf("prompt %s: %s", prompt.promptId(), reason);
      return GeneratedSample.failed(reason, info);
    }
  }

  private static GenerationInfo info(String model, int promptTokens, int completionTokens, long startedNanos) {
    return new GenerationInfo(
        NAME, model, false, promptTokens, completionTokens, (System.nanoTime() - startedNanos) / 1_000_000);
  }

  /**
   * The failure in a line fit for an event: provider error bodies can echo part of the API key, so the key
   * and anything shaped like one are masked.
   */
  private String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && (root.getMessage() == null || root.getMessage().isBlank())) {
      root = root.getCause();
    }
    String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    String key = config.openai().apiKey().orElse("");
    if (key.length() >= 4) {
      text = text.replace(key, "[redacted]");
    }
    text = SECRET.matcher(text).replaceAll("[redacted]").replaceAll("\\s+", " ").strip();
    return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "…";
  }
}
