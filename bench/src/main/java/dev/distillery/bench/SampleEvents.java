package dev.distillery.bench;

import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleStatus;
import dev.distillery.contracts.SourceRef;
import dev.distillery.contracts.TaskType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * sample.generated events shaped like the generation-service's: one run, papers of {@value #PROMPTS_PER_PAPER}
 * prompts, segments and answers of realistic length, and the verdict mix a model run gives (most accepted, some
 * too short, some copies of their source, some failed calls), so every rule of the quality gate does its work.
 */
final class SampleEvents {
  static final int PROMPTS_PER_PAPER = 50;
  private static final String[] SENTENCES = {
    "Scaled dot-product attention computes a weighted sum of values, where each weight comes from the"
        + " compatibility of a query with the corresponding key.",
    "Multi-head attention runs several attention functions in parallel on linearly projected queries, keys and"
        + " values, and concatenates their outputs.",
    "The encoder maps an input sequence of symbol representations to a sequence of continuous representations.",
    "Positional encodings are added to the input embeddings because the model contains no recurrence and no"
        + " convolution.",
    "Residual connections around each sub-layer, followed by layer normalisation, keep gradients well behaved in"
        + " deep stacks.",
    "Label smoothing hurts perplexity, as the model learns to be more unsure, but improves accuracy and BLEU.",
    "The decoder's self-attention is masked so that predictions for a position depend only on earlier outputs.",
    "Training used the Adam optimiser with a learning rate that rises linearly for the warm-up steps and then"
        + " decays with the inverse square root of the step number.",
    "Dropout is applied to the output of each sub-layer before it is added to the sub-layer input.",
    "Self-attention layers connect all positions with a constant number of sequential operations.",
  };
  private static final TaskType[] TASKS = TaskType.values();
  private static final GenerationInfo MODEL = new GenerationInfo("openai-chat", "gpt-4o-mini", false, 612, 180, 2300);

  private SampleEvents() {}

  static List<SampleGenerated> forRun(String runId, int count) {
    SplittableRandom random = new SplittableRandom(count);
    List<SampleGenerated> events = new ArrayList<>(count);
    String paperId = null;
    for (int i = 0; i < count; i++) {
      int ordinal = i % PROMPTS_PER_PAPER;
      if (ordinal == 0) {
        paperId = Ids.paper(runId, Ids.sha256(("paper " + i).getBytes(StandardCharsets.UTF_8)));
      }
      String segmentText = text(random, 8);
      String segmentId = Ids.segment(paperId, ordinal / 5);
      TaskType task = TASKS[ordinal % TASKS.length];
      PromptReady prompt =
          PromptReady.of(runId, paperId, segmentId, Ids.prompt(segmentId, task, ordinal % 5), task, ordinal,
              PROMPTS_PER_PAPER, null,
              new SourceRef("Attention Is All You Need", "attention.md", "Model architecture", segmentText),
              Instant.now());
      events.add(sample(prompt, segmentText, random, i % 20));
    }
    return events;
  }

  private static SampleGenerated sample(PromptReady prompt, String segmentText, SplittableRandom random, int kind) {
    String instruction = "Explain, in the paper's terms, how " + SENTENCES[random.nextInt(SENTENCES.length)]
        .toLowerCase(Locale.ROOT).replace(".", "?");
    return switch (kind) {
      case 0 -> SampleGenerated.of(prompt, SampleStatus.FAILED, null, null, null, "HTTP 429 after 3 attempts", MODEL,
          Instant.now());
      case 1 -> SampleGenerated.of(prompt, SampleStatus.GENERATED, instruction, "", "Too short.", null, MODEL,
          Instant.now());
      case 2 -> SampleGenerated.of(prompt, SampleStatus.GENERATED, instruction, "", segmentText, null, MODEL,
          Instant.now());
      default -> SampleGenerated.of(prompt, SampleStatus.GENERATED, instruction, "", text(random, 4), null, MODEL,
          Instant.now());
    };
  }

  private static String text(SplittableRandom random, int sentences) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      text.append(i == 0 ? "" : " ").append(SENTENCES[random.nextInt(SENTENCES.length)]);
    }
    return text.toString();
  }
}
