package dev.distillery.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What {@code GET /runs/{id}} of the ingest-service says about a run; fields the CLI does not show are ignored.
 *
 * @param status {@code OPEN}, {@code CLOSED} or {@code EXPORTED}
 * @param dataset null until the run is exported
 * @param unavailableStages downstream stages whose progress the ingest-service could not get this time
 */
public record RunView(
    String runId, String name, String status, Counts counts, Dataset dataset, List<String> unavailableStages) {

  public static final String EXPORTED = "EXPORTED";

  public RunView {
    counts = counts == null ? Counts.NONE : counts;
    unavailableStages = unavailableStages == null ? List.of() : List.copyOf(unavailableStages);
  }

  public boolean exported() {
    return EXPORTED.equals(status) && dataset != null && dataset.location() != null;
  }

  /** How far each stage has come; a stage that did not answer counts as zero. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Counts(
      long papers,
      long segments,
      long promptsPlanned,
      long samplesGenerated,
      long samplesFailed,
      long accepted,
      long rejected,
      long failed,
      long exported) {

    static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** Where the export-service wrote the run's dataset. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Dataset(String location, long trainExamples, long validationExamples) {}
}
