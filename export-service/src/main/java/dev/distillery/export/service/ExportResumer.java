package dev.distillery.export.service;

import dev.distillery.export.repository.RunRepository;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Finishes exports a crash interrupted: runs claimed COMPLETE but never marked EXPORTED are exported again
 * at start-up. File writing is deterministic, so the result is what the interrupted export would have written.
 */
@ApplicationScoped
public class ExportResumer {
  private static final Logger LOG = Logger.getLogger(ExportResumer.class);

  @Inject RunRepository runs;
  @Inject DatasetExporter exporter;

  void onStart(@Observes StartupEvent startup) {
    resume().subscribe().with(
        ignored -> {}, failure -> LOG.errorf(failure, "could not look for interrupted exports"));
  }

  /** Exports every run left COMPLETE, one after the other. */
  public Uni<Void> resume() {
    return runs.claimedRunIds()
        .onItem()
        .transformToMulti(ids -> Multi.createFrom().iterable(ids))
        .onItem()
        .invoke(runId -> LOG.infof("resuming the interrupted export of run %s", runId))
        .onItem()
        .transformToUniAndConcatenate(exporter::exportClaimed)
        .collect()
        .last()
        .replaceWithVoid();
  }
}
