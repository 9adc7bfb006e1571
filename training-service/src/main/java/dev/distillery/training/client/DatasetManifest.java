package dev.distillery.training.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The part of the export-service's {@code manifest.json} that names a dataset's papers.
 *
 * @param sources one per file or paper offered to the run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record DatasetManifest(String datasetId, List<Source> sources) {

  /**
   * @param accepted samples from this paper that are in the dataset
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Source(String paperId, int accepted) {}
}
