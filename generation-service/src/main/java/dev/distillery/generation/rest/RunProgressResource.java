package dev.distillery.generation.rest;

import dev.distillery.contracts.SampleStatus;
import dev.distillery.generation.repository.PromptRepository;
import dev.distillery.generation.repository.SampleRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The generator's share of a run's progress, read by the ingest-service's {@code GET /runs/{id}}. */
@Path("/runs/{runId}/progress")
@Produces(MediaType.APPLICATION_JSON)
public class RunProgressResource {

  /** Prompts planned for a run and how many of them have been answered, or have failed. */
  public record GenerationProgress(long promptsPlanned, long samplesGenerated, long samplesFailed) {}

  @Inject PromptRepository prompts;
  @Inject SampleRepository samples;

  @GET
  public Uni<GenerationProgress> progress(@PathParam("runId") UUID runId) {
    String run = runId.toString();
    return Uni.combine()
        .all()
        .unis(prompts.countForRun(run), samples.countByStatus(run))
        .with(
            (planned, byStatus) ->
                new GenerationProgress(planned, byStatus.get(SampleStatus.GENERATED), byStatus.get(SampleStatus.FAILED)));
  }
}
