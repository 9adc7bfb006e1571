package dev.distillery.generation.service.offline;

import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SourceRef;
import dev.distillery.generation.GeneratedSample;
import dev.distillery.generation.GenerationRequest;
import dev.distillery.generation.service.SampleGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Answers prompts without a model: the instruction comes from the task type's templates and names the
 * segment's key terms; the output is put together from the segment's most informative sentences (or its code)
 * and a framing sentence. Deterministic: the same prompt content always gives the same sample, in any run.
 */
@ApplicationScoped
public class OfflineTemplateGenerator implements SampleGenerator {
  public static final String NAME = "offline-template";
  public static final String MODEL = "offline-template-v1";
  private static final int TERMS = 5;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GeneratedSample generate(GenerationRequest request) {
    long started = System.nanoTime();
    PromptReady prompt = request.prompt();
    SourceRef source = prompt.source();
    String title = SegmentText.plain(source.paperTitle());
    String heading = SegmentText.plain(source.segmentHeading());
    SegmentText text = SegmentText.parse(source.segmentText());
    String prose = text.prose().isBlank() ? codeText(text) : text.prose();
    List<String> terms = KeyTerms.of(prose, heading + " " + title, TERMS);
    if (terms.isEmpty()) {
      terms = List.of(heading.isEmpty() ? title : heading);
    }
    int segmentWords = SegmentText.words(source.segmentText()).size();
    TaskTemplates.Material material =
        new TaskTemplates.Material(
            title, heading, text, terms, request.variant(), segmentWords / 2, request.settings().turns(),
            request.settings().customPrompt());
    TaskTemplates.Draft draft;
    try {
      draft = TaskTemplates.draft(prompt.taskType(), material);
    } catch (OfflineUnsupportedException e) {
      return GeneratedSample.failed(e.getMessage(), info(0, 0, started));
    }
    String input = heading.isEmpty() ? "Paper: \"" + title + "\"" : "Paper: \"" + title + "\"\nSection: \"" + heading + "\"";
    if (draft.excerpt() != null && !draft.excerpt().isBlank()) {
      input = input + "\n\n" + draft.excerpt();
    }
    String written = draft.conversation().isEmpty()
        ? draft.output()
        : String.join("\n", draft.conversation().stream().map(t -> t.content()).toList());
    GenerationInfo info =
        info(estimateTokens(draft.instruction() + input + source.segmentText()), estimateTokens(written), started);
    return GeneratedSample.generated(draft.instruction(), input, draft.output(), info)
        .withConversation(draft.conversation());
  }

  private static GenerationInfo info(int promptTokens, int completionTokens, long startedNanos) {
    return new GenerationInfo(
        NAME, MODEL, true, promptTokens, completionTokens, (System.nanoTime() - startedNanos) / 1_000_000);
  }

  private static String codeText(SegmentText text) {
    return String.join("\n", text.codeBlocks().stream().map(SegmentText.CodeBlock::code).toList());
  }

  /** About four characters per token for English text: enough to compare offline and model runs. */
  static int estimateTokens(String text) {
    return (text.length() + 3) / 4;
  }
}
