package dev.distillery.ingest.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks the downstream services how far a run got. A service that is down, slow or answers with an error gives
 * an empty answer: progress is a report, and one missing stage must not hide the others.
 */
@ApplicationScoped
public class StageProgressClient {
  @Inject @RestClient GenerationApi generationApi;
  @Inject @RestClient QualityApi qualityApi;
  @Inject @RestClient ExportApi exportApi;

  @Timeout(value = 2, unit = ChronoUnit.SECONDS)
  @Fallback(fallbackMethod = "generationUnavailable")
  public Uni<Optional<GenerationProgress>> generation(UUID runId) {
    return generationApi.progress(runId).map(Optional::of);
  }

  @Timeout(value = 2, unit = ChronoUnit.SECONDS)
  @Fallback(fallbackMethod = "qualityUnavailable")
  public Uni<Optional<QualityProgress>> quality(UUID runId) {
    return qualityApi.progress(runId).map(Optional::of);
  }

  @Timeout(value = 2, unit = ChronoUnit.SECONDS)
  @Fallback(fallbackMethod = "exportUnavailable")
  public Uni<Optional<ExportProgress>> export(UUID runId) {
    return exportApi.progress(runId).map(Optional::of);
  }

  Uni<Optional<GenerationProgress>> generationUnavailable(UUID runId) {
    return Uni.createFrom().item(Optional.empty());
  }

  Uni<Optional<QualityProgress>> qualityUnavailable(UUID runId) {
    return Uni.createFrom().item(Optional.empty());
  }

  Uni<Optional<ExportProgress>> exportUnavailable(UUID runId) {
    return Uni.createFrom().item(Optional.empty());
  }
}
