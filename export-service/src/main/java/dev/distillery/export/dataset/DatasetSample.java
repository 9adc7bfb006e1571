package dev.distillery.export.dataset;

import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.SampleOrigin;
import dev.distillery.contracts.TaskType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One accepted sample as a dataset holds it: its text, where it came from and how good it was judged. The same
 * record is stored line by line in {@code samples.jsonl}, so a dataset folder can be read back without losses.
 *
 * @param sourceFile the file the paper was ingested from; null for papers from another system without one
 * @param section the heading path of the chunk, joined with {@code " > "}
 * @param conversation every turn of a multi-turn sample; empty for a single exchange
 * @param scores the named parts of the score, in name order
 * @param model the model that wrote the sample, or the extraction style for a mined one
 */
public record DatasetSample(
    String sampleId,
    String paperId,
    String segmentId,
    String sourceFile,
    String paperTitle,
    String section,
    TaskType taskType,
    SampleOrigin origin,
    String instruction,
    String input,
    String output,
    List<ChatTurn> conversation,
    double score,
    Map<String, Double> scores,
    String model) {

  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";

  public DatasetSample {
    origin = origin == null ? SampleOrigin.GENERATED : origin;
    conversation = conversation == null ? List.of() : List.copyOf(conversation);
    scores = Collections.unmodifiableSortedMap(new TreeMap<>(scores == null ? Map.of() : scores));
  }

  /** Both sides of the exchange are there: without them no fine-tuning format can hold the sample. */
  public boolean exportable() {
    if (!conversation.isEmpty()) {
      return conversation.stream().anyMatch(t -> ASSISTANT.equals(t.role()) && notBlank(t.content()))
          && conversation.stream().anyMatch(t -> USER.equals(t.role()) && notBlank(t.content()));
    }
    return notBlank(instruction) && notBlank(output);
  }

  /** The exchange as chat turns: the conversation when there is one, else the instruction (and input) and output. */
  public List<ChatTurn> turns() {
    if (!conversation.isEmpty()) {
      return conversation;
    }
    List<ChatTurn> turns = new ArrayList<>(2);
    turns.add(new ChatTurn(USER, userContent()));
    turns.add(new ChatTurn(ASSISTANT, output));
    return turns;
  }

  /** The instruction, followed by its input when there is one: chat has no separate input field. */
  public String userContent() {
    return notBlank(input) ? instruction + "\n\n" + input : instruction;
  }

  /** The source file, or the paper id for a paper that came without one: what split weighting groups by. */
  public String sourceKey() {
    return sourceFile == null || sourceFile.isBlank() ? paperId : sourceFile;
  }

  public boolean multiTurn() {
    return !conversation.isEmpty();
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
