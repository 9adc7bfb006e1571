package dev.distillery.generation.service.openai;

import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.TaskType;
import dev.distillery.generation.GeneratedSample;
import dev.distillery.generation.GenerationRequest;
import dev.distillery.generation.client.ChatCompletion;
import dev.distillery.generation.client.ChatRequest;
import dev.distillery.generation.client.ModelCatalog;
import dev.distillery.generation.client.ModelEndpoint;
import dev.distillery.generation.client.ModelSpec;
import dev.distillery.generation.client.ProviderException;
import dev.distillery.generation.client.Tokens;
import dev.distillery.generation.config.GenerationConfig;
import dev.distillery.generation.repository.SampleRepository;
import dev.distillery.generation.service.BudgetLedger;
import dev.distillery.generation.service.SampleGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Asks a model of the table for each sample: the run's model, else the default one. A call that still fails
 * after the endpoint's retries, a run whose budget cannot pay for the request, or an answer that is not the JSON
 * asked for becomes a {@code FAILED} sample whose reason says why (with the raw answer when there was one).
 */
@ApplicationScoped
public class OpenAiChatGenerator implements SampleGenerator {
  public static final String NAME = "openai-chat";
  public static final String BUDGET_EXHAUSTED = "budget exhausted";
  private static final Logger LOG = Logger.getLogger(OpenAiChatGenerator.class);
  private static final Pattern SECRET = Pattern.compile("\\b(sk-|Bearer\\s+)[A-Za-z0-9._*-]{6,}");
  private static final int MAX_REASON_CHARS = 500;
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

  @Inject ModelCatalog models;
  @Inject GenerationConfig config;
  @Inject PromptTemplates templates;
  @Inject BudgetLedger budgets;
  @Inject SampleRepository samples;

  @Override
  public String name() {
    return NAME;
  }

  /** The model key a request goes to. */
  public String modelKey(GenerationRequest request) {
    return request.modelKey() == null ? models.defaultKey() : request.modelKey();
  }

  @Override
  public GeneratedSample generate(GenerationRequest generation) {
    return generate(generation, modelKey(generation));
  }

  /** Answers with the model of the given key. */
  public GeneratedSample generate(GenerationRequest generation, String modelKey) {
    PromptReady prompt = generation.prompt();
    long started = System.nanoTime();
    Optional<String> unusable = models.unusableReason(modelKey);
    if (unusable.isPresent()) {
      return GeneratedSample.failed(unusable.get(), info(modelKey, 0, 0, 0, started));
    }
    ModelEndpoint endpoint = models.endpoint(modelKey);
    ModelSpec spec = endpoint.spec();
    GenerationConfig.OpenAi calls = config.openai();
    GenerationPrompt messages;
    try {
      messages = GenerationPrompt.of(generation, templates, calls.maxSegmentChars());
    } catch (IllegalArgumentException e) {
      return GeneratedSample.failed(e.getMessage(), info(spec.model(), 0, 0, 0, started));
    }
    double budget = generation.settings().budgetUsd();
    int promptTokens =
        Tokens.prompt(messages.system(), messages.user(), budget > 0, spec.contextWindow() - calls.maxTokens());
    if (promptTokens + calls.maxTokens() > spec.contextWindow()) {
      return GeneratedSample.failed(
          "the prompt takes " + promptTokens + " tokens and its answer up to " + calls.maxTokens() + ", more than the "
              + spec.contextWindow() + "-token context window of " + spec.key(),
          info(spec.model(), 0, 0, 0, started));
    }
    double reserved = budget > 0 ? spec.cost(promptTokens, calls.maxTokens()) : 0;
    boolean affordable;
    try {
      affordable = budget <= 0 || budgets.reserve(prompt.runId(), budget, () -> storedSpend(prompt.runId()), reserved);
    } catch (IllegalStateException e) {
      return GeneratedSample.failed(
          "not sent, since the run has a budget and " + e.getMessage(), info(spec.model(), 0, 0, 0, started));
    }
    if (!affordable) {
      return GeneratedSample.failed(
          String.format(
              Locale.ROOT, "%s: the run's budget of $%.4f is spent ($%.4f so far) or cannot pay for this request",
              BUDGET_EXHAUSTED, budget, budgets.spent(prompt.runId())),
          info(spec.model(), 0, 0, 0, started));
    }
    ChatRequest request =
        new ChatRequest(messages.system(), messages.user(), calls.temperature(), calls.maxTokens(), spec.jsonMode(),
            promptTokens);
    ChatCompletion completion;
    try {
      completion = endpoint.complete(request);
    } catch (ProviderException e) {
      budgets.settle(prompt.runId(), reserved, 0);
      String reason = "model call failed: " + describe(e, spec);
      LOG.warnf("prompt %s: %s", prompt.promptId(), reason);
      return GeneratedSample.failed(reason, info(spec.model(), 0, 0, 0, started));
    }
    double cost = spec.cost(completion.promptTokens(), completion.completionTokens());
    budgets.settle(prompt.runId(), reserved, cost);
    GenerationInfo info =
        info(completion.model(), completion.promptTokens(), completion.completionTokens(), cost, started);
    try {
      ParsedAnswer answer = AnswerParser.parse(completion.text(), prompt.taskType() == TaskType.MULTI_TURN);
      String reasoning = completion.reasoning() != null ? completion.reasoning() : answer.reasoning();
      return GeneratedSample.generated(answer.instruction(), answer.input(), answer.output(), info)
          .withConversation(answer.conversation())
          .withReasoning(reasoning);
    } catch (UnparseableAnswerException e) {
      String reason = "unparseable model output: " + e.getMessage();
      LOG.warnf("prompt %s: %s", prompt.promptId(), reason);
      return GeneratedSample.failed(reason, info).withRawOutput(completion.text()).withReasoning(completion.reasoning());
    }
  }

  private double storedSpend(String runId) {
    try {
      return samples.spentForRun(runId).await().atMost(LOOKUP_TIMEOUT);
    } catch (RuntimeException e) {
      throw new IllegalStateException("could not read what run " + runId + " has spent: " + e.getMessage(), e);
    }
  }

  private static GenerationInfo info(
      String model, int promptTokens, int completionTokens, double cost, long startedNanos) {
    return new GenerationInfo(
        NAME, model, false, promptTokens, completionTokens, (System.nanoTime() - startedNanos) / 1_000_000, cost);
  }

  /**
   * The failure in a line fit for an event: provider error bodies can echo part of the API key, so the key
   * and anything shaped like one are masked.
   */
  private static String describe(Throwable failure, ModelSpec spec) {
    String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    String key = spec.apiKey().orElse("");
    if (key.length() >= 4) {
      text = text.replace(key, "[redacted]");
    }
    text = SECRET.matcher(text).replaceAll("[redacted]").replaceAll("\\s+", " ").strip();
    return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "…";
  }
}
