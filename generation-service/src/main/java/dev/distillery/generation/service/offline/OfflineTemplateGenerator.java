package dev.distillery.generation.service.offline;

import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SourceRef;
import dev.distillery.generation.GeneratedSample;
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
  public GeneratedSample generate(PromptReady prompt) {
    long started = System.nanoTime();
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
        new TaskTemplates.Material(title, heading, text, terms, variant(prompt), segmentWords / 2);
    TaskTemplates.Draft draft = TaskTemplates.draft(prompt.taskType(), material);
    String input = heading.isEmpty() ? "Paper: \"" + title + "\"" : "Paper: \"" + title + "\"\nSection: \"" + heading + "\"";

    long latencyMs = (System.nanoTime() - started) / 1_000_000;
    GenerationInfo info =
        new GenerationInfo(
            NAME, MODEL, true, estimateTokens(draft.instruction() + input + source.segmentText()),
            estimateTokens(draft.output()), latencyMs);
    return GeneratedSample.generated(draft.instruction(), input, draft.output(), info);
  }

  /**
   * Tells apart prompts of one task type on one segment (they differ in ordinal) while staying the same for
   * the same content in another run, unlike the prompt id, which changes with the run.
   */
  private static int variant(PromptReady prompt) {
    String key = prompt.taskType().name() + '\u001f' + prompt.promptOrdinal() + '\u001f' + prompt.source().paperTitle()
        + '\u001f' + prompt.source().segmentHeading() + '\u001f' + prompt.source().segmentText();
    int hash = key.hashCode();
    return Math.floorMod(hash ^ (hash >>> 16), 1 << 20);
  }

  private static String codeText(SegmentText text) {
    return String.join("\n", text.codeBlocks().stream().map(SegmentText.CodeBlock::code).toList());
  }

  /** About four characters per token for English text: enough to compare offline and model runs. */
  static int estimateTokens(String text) {
    return (text.length() + 3) / 4;
  }
}
