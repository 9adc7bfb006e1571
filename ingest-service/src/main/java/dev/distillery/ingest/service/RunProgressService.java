package dev.distillery.ingest.service;

import dev.distillery.ingest.client.StageProgressClient;
import dev.distillery.ingest.repository.PaperRepository;
import dev.distillery.ingest.repository.SourceRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** Puts together a run's own counts and what each downstream service reports, asked in parallel. */
@ApplicationScoped
public class RunProgressService {
  @Inject RunService runs;
  @Inject PaperRepository papers;
  @Inject SourceRepository sources;
  @Inject StageProgressClient stages;

  public Uni<RunDetails> details(UUID runId) {
    return runs.get(runId)
        .flatMap(run -> Uni.combine().all()
            .unis(papers.counts(runId), stages.generation(runId), stages.quality(runId), stages.export(runId),
                sources.list(runId))
            .with((counts, generation, quality, export, files) ->
                RunDetails.of(run, counts, generation, quality, export, files)));
  }
}
