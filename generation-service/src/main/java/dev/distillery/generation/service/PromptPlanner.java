package dev.distillery.generation.service;

import dev.distillery.contracts.ExtractedPair;
import dev.distillery.contracts.GenerationMode;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.InvalidEventException;
import dev.distillery.contracts.PaperIngested;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.Segment;
import dev.distillery.contracts.SourceRef;
import dev.distillery.contracts.TaskType;
import dev.distillery.generation.repository.PromptRepository.Planned;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what a paper gets, by the run's mode:
 *
 * <ul>
 *   <li>CREATE: {@code samplesPerSegment} prompts per segment, cycling through the run's task types; pairs mined
 *       from the document are ignored.
 *   <li>IDENTIFY: one extracted sample per mined pair, and no prompt.
 *   <li>HYBRID: the extracted samples, plus prompts — {@code targetPerPaper} minus the mined pairs when a target
 *       is set (spread round-robin over segments and task types), else {@code samplesPerSegment} per segment.
 * </ul>
 *
 * A paper that would get neither gets one prompt, so that every paper yields at least one sample. With a
 * teacher model, {@code teacherShare} of each task type's prompts go to the teacher; the others are student
 * prompts, held back until the teacher's are answered. Pure and deterministic, so a replayed paper plans the
 * very same ids.
 */
@ApplicationScoped
public class PromptPlanner {

  /**
   * Everything planned for one paper; all carry the same {@code promptsPlannedForPaper}.
   *
   * @param prompts the prompts planned, student prompts (published later) included
   * @param extracted the samples of mined pairs, published as they are
   * @param slots every slot of the plan, the mined pairs' ones included, as the prompts table records them
   */
  public record Plan(List<Planned> prompts, List<SampleGenerated> extracted, List<Planned> slots) {}

  public Plan plan(PaperIngested paper, Instant producedAt) {
    RunConfig config = paper.config();
    List<Segment> segments = paper.segments().stream().sorted(Comparator.comparingInt(Segment::ordinal)).toList();
    requireDistinctSegments(paper, segments);
    if (segments.isEmpty()) {
      throw new InvalidEventException("paper.ingested event for paper " + paper.paperId() + " has no segments");
    }
    List<ExtractedPair> pairs = config.mode() == GenerationMode.CREATE ? List.of() : paper.extracted();
    List<Slot> slots = slots(config, segments, pairs.size());
    int planned = pairs.size() + slots.size();

    List<SampleGenerated> extracted = new ArrayList<>(pairs.size());
    List<Planned> all = new ArrayList<>(planned);
    for (int i = 0; i < pairs.size(); i++) {
      ExtractedPair pair = pairs.get(i);
      Segment segment = containing(segments, pair.charStart());
      SourceRef source =
          new SourceRef(paper.title(), paper.sourceName(), segment.heading(), segment.text(), pair.sectionPath(),
              pair.charStart(), pair.charEnd(), paper.flags());
      String promptId = Ids.extractedPrompt(paper.paperId(), i);
      extracted.add(
          SampleGenerated.extracted(
              paper.runId(), paper.paperId(), segment.segmentId(), promptId, pair, planned, source, producedAt));
      all.add(
          new Planned(
              PromptReady.of(paper.runId(), paper.paperId(), segment.segmentId(), promptId, TaskType.QA, i, planned,
                  paper.abstractText(), source, producedAt),
              0, true, false, false, 0));
    }

    List<Planned> prompts = new ArrayList<>(slots.size());
    Map<String, Map<TaskType, Integer>> perSegmentAndType = new HashMap<>();
    Map<TaskType, Integer> teacherQuota = teacherQuota(config, slots);
    Map<TaskType, Integer> perType = new EnumMap<>(TaskType.class);
    for (Slot slot : slots) {
      Segment segment = slot.segment();
      int variant =
          perSegmentAndType.computeIfAbsent(segment.segmentId(), id -> new EnumMap<>(TaskType.class))
                  .merge(slot.taskType(), 1, Integer::sum) - 1;
      SourceRef source =
          new SourceRef(paper.title(), paper.sourceName(), segment.heading(), segment.text(), segment.sectionPath(),
              segment.charStart(), segment.charEnd(), paper.flags());
      PromptReady prompt =
          PromptReady.of(
              paper.runId(), paper.paperId(), segment.segmentId(), Ids.prompt(segment.segmentId(), slot.taskType(), variant),
              slot.taskType(), pairs.size() + prompts.size(), planned, paper.abstractText(), source, producedAt);
      boolean teacher = perType.merge(slot.taskType(), 1, Integer::sum) <= teacherQuota.getOrDefault(slot.taskType(), 0);
      boolean student = !teacher && !teacherQuota.isEmpty();
      prompts.add(new Planned(prompt, variant, false, teacher, student, 0));
    }
    all.addAll(prompts);
    return new Plan(prompts, extracted, all);
  }

  private record Slot(Segment segment, TaskType taskType) {}

  /**
   * With a teacher model, how many of each task type's prompts the teacher answers: {@code teacherShare} of them,
   * at least one, so that every student prompt has examples of its own kind. Empty without a teacher.
   */
  private static Map<TaskType, Integer> teacherQuota(RunConfig config, List<Slot> slots) {
    String teacher = config.generation().teacherModel();
    Map<TaskType, Integer> quota = new EnumMap<>(TaskType.class);
    if (teacher == null || teacher.isBlank()) {
      return quota;
    }
    Map<TaskType, Integer> counts = new EnumMap<>(TaskType.class);
    slots.forEach(slot -> counts.merge(slot.taskType(), 1, Integer::sum));
    counts.forEach(
        (type, n) -> quota.put(type, Math.max(1, (int) Math.ceil(config.generation().teacherShare() * n))));
    return quota;
  }

  private static List<Slot> slots(RunConfig config, List<Segment> segments, int pairs) {
    List<TaskType> taskTypes = config.taskTypes();
    List<Slot> slots = new ArrayList<>();
    boolean target = config.mode() == GenerationMode.HYBRID && config.targetPerPaper() > 0;
    if (target) {
      int wanted = Math.max(0, config.targetPerPaper() - pairs);
      int[] inSegment = new int[segments.size()];
      for (int k = 0; k < wanted; k++) {
        int s = k % segments.size();
        // Offset by the segment so that, with few prompts per segment, the task types still spread over the paper.
        slots.add(new Slot(segments.get(s), taskTypes.get((s + inSegment[s]++) % taskTypes.size())));
      }
    } else if (config.mode() != GenerationMode.IDENTIFY) {
      for (Segment segment : segments) {
        for (int i = 0; i < config.samplesPerSegment(); i++) {
          slots.add(new Slot(segment, taskTypes.get(i % taskTypes.size())));
        }
      }
    }
    // Identify mode plans no prompt, but a paper with nothing mined still needs one sample to count as done.
    if (slots.isEmpty() && pairs == 0) {
      slots.add(new Slot(segments.get(0), taskTypes.get(0)));
    }
    return slots;
  }

  /** The segment whose span holds the offset; else the last one starting before it; else the first. */
  private static Segment containing(List<Segment> segments, int offset) {
    Segment best = segments.get(0);
    for (Segment segment : segments) {
      if (segment.charStart() <= offset && offset < segment.charEnd()) {
        return segment;
      }
      if (segment.charStart() <= offset) {
        best = segment;
      }
    }
    return best;
  }

  /** Two segments with one id would plan colliding prompt ids and a count no consumer could ever reach. */
  private static void requireDistinctSegments(PaperIngested paper, List<Segment> segments) {
    Set<String> ids = new HashSet<>();
    for (Segment segment : segments) {
      if (!ids.add(segment.segmentId())) {
        throw new InvalidEventException(
            "paper.ingested event for paper " + paper.paperId() + " lists segment " + segment.segmentId() + " twice");
      }
    }
  }
}
