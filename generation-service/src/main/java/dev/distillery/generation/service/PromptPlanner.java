package dev.distillery.generation.service;

import dev.distillery.contracts.Ids;
import dev.distillery.contracts.InvalidEventException;
import dev.distillery.contracts.PaperIngested;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.Segment;
import dev.distillery.contracts.SourceRef;
import dev.distillery.contracts.TaskType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which prompts a paper gets: {@code samplesPerSegment} per segment, cycling through the run's task
 * types. Pure and deterministic, so a replayed paper plans the very same prompt ids.
 */
@ApplicationScoped
public class PromptPlanner {

  public List<PromptReady> plan(PaperIngested paper, Instant producedAt) {
    RunConfig config = paper.config();
    List<TaskType> taskTypes = config.taskTypes();
    List<Segment> segments = paper.segments().stream().sorted(Comparator.comparingInt(Segment::ordinal)).toList();
    requireDistinctSegments(paper, segments);

    int planned = segments.size() * config.samplesPerSegment();
    List<PromptReady> prompts = new ArrayList<>(planned);
    for (Segment segment : segments) {
      SourceRef source = new SourceRef(paper.title(), paper.sourceName(), segment.heading(), segment.text());
      Map<TaskType, Integer> perType = new EnumMap<>(TaskType.class);
      for (int i = 0; i < config.samplesPerSegment(); i++) {
        TaskType taskType = taskTypes.get(i % taskTypes.size());
        int ordinalInSegment = perType.merge(taskType, 1, Integer::sum) - 1;
        String promptId = Ids.prompt(segment.segmentId(), taskType, ordinalInSegment);
        prompts.add(
            PromptReady.of(
                paper.runId(), paper.paperId(), segment.segmentId(), promptId, taskType, prompts.size(), planned,
                paper.abstractText(), source, producedAt));
      }
    }
    return prompts;
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
