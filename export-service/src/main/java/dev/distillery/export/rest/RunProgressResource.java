package dev.distillery.export.rest;

import dev.distillery.export.ExportProgress;
import dev.distillery.export.repository.RunRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The export-service's share of a run's progress, read by the ingest-service's {@code GET /runs/{id}}. */
@Path("/runs/{runId}/progress")
@Produces(MediaType.APPLICATION_JSON)
public class RunProgressResource {
  @Inject RunRepository runs;

  /** COLLECTING and zeros for a run never heard of. */
  @GET
  public Uni<ExportProgress> progress(@PathParam("runId") UUID runId) {
    return runs.progress(runId.toString());
  }
}
