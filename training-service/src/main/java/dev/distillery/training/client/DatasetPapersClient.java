package dev.distillery.training.client;

import dev.distillery.training.Training;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The papers a trained dataset was made from, for the adapter's lineage. {@code training.requested} does not name
 * them; the export-service's manifest does. Blocking.
 */
@ApplicationScoped
public class DatasetPapersClient {
  private static final Logger LOG = Logger.getLogger(DatasetPapersClient.class);

  @Inject @RestClient ExportApi export;

  /**
   * Papers with samples in the job's dataset, sorted; empty when the export-service does not answer in time or
   * its latest export of the run is another dataset (an adapter without papers beats no adapter).
   */
  @Timeout(5_000)
  @Fallback(fallbackMethod = "unknown")
  public List<String> papers(Training training) {
    DatasetManifest manifest = export.manifest(UUID.fromString(training.runId()));
    if (manifest == null || !training.datasetId().equals(manifest.datasetId()) || manifest.sources() == null) {
      return List.of();
    }
    return manifest.sources().stream()
        .filter(source -> source.paperId() != null && source.accepted() > 0)
        .map(DatasetManifest.Source::paperId)
        .filter(Objects::nonNull)
        .distinct()
        .sorted()
        .toList();
  }

  List<String> unknown(Training training, Throwable failure) {
    LOG.infof("papers of dataset %s unknown, the adapter is registered without: %s", training.datasetId(), failure.getMessage());
    return List.of();
  }
}
