package dev.distillery.export.dataset;

import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.SampleOrigin;
import dev.distillery.contracts.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Dataset samples for tests: papers with sources, segments, task types, both origins, and multi-turn ones. */
public final class Samples {
  private Samples() {}

  public static DatasetSample single(String id, String paper, String segment, String instruction, String output) {
    return new DatasetSample(
        id, paper, segment, paper + ".pdf", "Title of " + paper, "Intro > " + segment, TaskType.QA,
        SampleOrigin.GENERATED, instruction, "", output, List.of(), 0.8,
        new TreeMap<>(Map.of("length", 0.7, "relevance", 0.9)), "gpt-4o-mini");
  }

  public static DatasetSample multiTurn(String id, String paper, String segment, String... texts) {
    List<ChatTurn> turns = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      turns.add(new ChatTurn(i % 2 == 0 ? DatasetSample.USER : DatasetSample.ASSISTANT, texts[i]));
    }
    return new DatasetSample(
        id, paper, segment, paper + ".pdf", "Title of " + paper, "Dialogue", TaskType.MULTI_TURN,
        SampleOrigin.GENERATED, texts[0], null, texts[texts.length - 1], turns, 0.75, Map.of("coherence", 0.8),
        "gpt-4o-mini");
  }

  /**
   * {@code papers} papers with {@code perPaper} samples each over segments of four, every third one extracted,
   * every seventh multi-turn; texts in several scripts with quotes and line breaks.
   */
  public static List<DatasetSample> corpus(int papers, int perPaper) {
    List<DatasetSample> samples = new ArrayList<>();
    for (int p = 0; p < papers; p++) {
      String paper = String.format("p%03d", p);
      for (int i = 0; i < perPaper; i++) {
        String id = paper + "-s" + String.format("%03d", i);
        String segment = paper + "-g" + (i / 4);
        if (i % 7 == 6) {
          samples.add(multiTurn(id, paper, segment, "What is attention in " + paper + "?",
              "A weighting of tokens.", "And « self-attention » ?", "Attention of a sequence over itself.\nΣ ✓ 注意"));
          continue;
        }
        DatasetSample s = single(id, paper, segment, "Explain point " + i + " of \"" + paper + "\".",
            "Point " + i + " is about transformers, gradients and attention.\nLine two, with a comma.");
        if (i % 3 == 2) {
          s = new DatasetSample(s.sampleId(), s.paperId(), s.segmentId(), s.sourceFile(), s.paperTitle(), s.section(),
              TaskType.QA, SampleOrigin.EXTRACTED, "Q" + i + ": what does " + paper + " cover?", "Context: équations",
              "A" + i + ": the model of " + paper + ".", List.of(), 1.0, Map.of(), "faq");
        }
        samples.add(s);
      }
    }
    return samples;
  }
}
