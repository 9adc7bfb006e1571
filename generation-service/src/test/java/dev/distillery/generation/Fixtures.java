package dev.distillery.generation;

import dev.distillery.contracts.ExtractedPair;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PaperIngested;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.Segment;
import dev.distillery.contracts.SourceRef;
import dev.distillery.contracts.TaskType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A small paper about a made-up library, and events built from it the way the other services build them. */
public final class Fixtures {
  public static final String TITLE = "Sievelite: Streaming Outlier Filtering for Sensor Data";

  public static final String SUMMARY =
      """
      Sensor streams from field deployments are noisy, bursty and often incomplete [@smith2020]. **Sievelite** is a
      Python library that filters such streams on the fly. It keeps a small rolling window per channel and replaces
      outliers with robust estimates, so downstream models see clean data without waiting for a batch job.

      Existing tools such as batch smoothing scripts assume that the whole recording is available at once. However,
      this assumption fails for live monitoring, where a decision must be made within milliseconds. Sievelite differs
      from these tools because it updates its estimates incrementally, one sample at a time, and never revisits old
      data.

      ## Design

      The library exposes a single `Sieve` class. A user first creates a sieve with a window size, then calls `push`
      for every new reading and reads the cleaned value it returns. Internally the sieve computes a running median and
      a median absolute deviation, and flags a reading as an outlier when it lies more than three deviations away
      from the median (see [the docs](https://example.org/docs)).
      """;

  public static final String USAGE =
      """
      The example below shows the typical loop. Compared with a moving average, the running median is far less
      sensitive to single spikes, which is why it was chosen as the default estimator.

      ```python
      from sievelite import Sieve

      sieve = Sieve(window=25)
      for reading in stream:
          clean = sieve.push(reading)
          publish(clean)
      ```

      The `window` argument trades responsiveness for stability: a short window follows real changes quickly, while a
      long window suppresses more noise. A known limitation is that the first readings of a stream are passed through
      unchanged until the window is full.
      """;

  private Fixtures() {}

  public static String newRunId() {
    return UUID.randomUUID().toString();
  }

  /** The paper with the given section texts, headed "Summary", "Usage", then "Section n". */
  public static PaperIngested paper(String runId, RunConfig config, String... sectionTexts) {
    String contentHash = Ids.sha256(String.join("\n", sectionTexts).getBytes(StandardCharsets.UTF_8));
    String paperId = Ids.paper(runId, contentHash);
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < sectionTexts.length; i++) {
      String heading = i == 0 ? "Summary" : i == 1 ? "Usage" : "Section " + i;
      segments.add(new Segment(Ids.segment(paperId, i), i, heading, sectionTexts[i]));
    }
    return PaperIngested.of(
        runId, paperId, TITLE, "A library that filters sensor streams as they arrive.", "sievelite.md", contentHash,
        config, segments, Instant.now());
  }

  /**
   * The paper with the given section texts laid end to end (each segment knows its offsets and section path),
   * the given pairs mined from it, and a prompt-injection flag.
   */
  public static PaperIngested paperWithPairs(String runId, RunConfig config, List<ExtractedPair> pairs, String... sectionTexts) {
    String contentHash = Ids.sha256(("pairs\n" + String.join("\n", sectionTexts)).getBytes(StandardCharsets.UTF_8));
    String paperId = Ids.paper(runId, contentHash);
    List<Segment> segments = new ArrayList<>();
    int offset = 0;
    for (int i = 0; i < sectionTexts.length; i++) {
      String heading = "Section " + (i + 1);
      segments.add(
          new Segment(Ids.segment(paperId, i), i, heading, sectionTexts[i], List.of(TITLE, heading), offset,
              offset + sectionTexts[i].length(), 0));
      offset += sectionTexts[i].length();
    }
    return PaperIngested.of(
        runId, paperId, TITLE, "A library that filters sensor streams as they arrive.", "sievelite.md", contentHash,
        config, segments, List.of("Ada Lovelace"), "en", "text/markdown", List.of("prompt-injection"), pairs,
        Instant.now());
  }

  /** One prompt on one section of the paper, as the planner would publish it. */
  public static PromptReady prompt(String runId, TaskType taskType, int ordinal, String heading, String text) {
    String paperId = Ids.paper(runId, Ids.sha256(text.getBytes(StandardCharsets.UTF_8)));
    String segmentId = Ids.segment(paperId, 0);
    return PromptReady.of(
        runId, paperId, segmentId, Ids.prompt(segmentId, taskType, ordinal), taskType, ordinal, ordinal + 1,
        "A library that filters sensor streams as they arrive.", new SourceRef(TITLE, "sievelite.md", heading, text),
        Instant.now());
  }
}
