package dev.distillery.generation.service.openai;

import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SourceRef;
import dev.distillery.contracts.TaskType;

/** The chat messages that ask a model for one sample. Pipeline calls carry no memory: each stands alone. */
public record GenerationPrompt(String system, String user) {
  private static final int MAX_ABSTRACT_CHARS = 2_000;

  static final String SYSTEM =
      """
      You write one example for an instruction-tuning dataset from a passage of a research paper.
      Reply with a single JSON object and nothing else:
      {"instruction": "...", "input": "...", "output": "..."}
      - "instruction": a self-contained task or question a user could ask, understandable without the passage.
      - "input": context the instruction needs, or "" when it needs none.
      - "output": a complete, accurate answer grounded in the passage, in your own words, not copied from it.
      Use Markdown inside "output" where it helps (lists, fenced code); escape it as JSON requires.""";

  public static GenerationPrompt of(PromptReady prompt, int maxSegmentChars) {
    SourceRef source = prompt.source();
    StringBuilder user = new StringBuilder("Task type: ").append(task(prompt.taskType())).append("\n\n");
    user.append("Paper title: ").append(source.paperTitle()).append('\n');
    if (source.segmentHeading() != null && !source.segmentHeading().isBlank()) {
      user.append("Section: ").append(source.segmentHeading()).append('\n');
    }
    if (prompt.abstractText() != null && !prompt.abstractText().isBlank()) {
      user.append("\nAbstract:\n").append(cut(prompt.abstractText().strip(), MAX_ABSTRACT_CHARS)).append('\n');
    }
    user.append("\nPassage:\n").append(cut(source.segmentText().strip(), maxSegmentChars)).append('\n');
    return new GenerationPrompt(SYSTEM, user.toString());
  }

  private static String task(TaskType type) {
    return switch (type) {
      case CONCEPT_EXPLANATION ->
          "concept explanation. Ask for an explanation of a key concept of the passage, and explain it clearly.";
      case CODE_IMPLEMENTATION ->
          "code implementation. Ask for code that implements a method, algorithm or usage the passage describes;"
              + " answer with working code in a fenced block and a short explanation.";
      case PROBLEM_ANALYSIS ->
          "problem analysis. Ask about a problem or limitation the passage discusses; answer by analysing its"
              + " causes and the approach taken to solve it.";
      case COMPARATIVE_ANALYSIS ->
          "comparative analysis. Ask for a comparison of approaches, methods or tools the passage mentions; answer"
              + " with their similarities, differences and trade-offs.";
    };
  }

  private static String cut(String text, int maxChars) {
    return text.length() <= maxChars ? text : text.substring(0, maxChars) + "\n[passage cut here]";
  }
}
