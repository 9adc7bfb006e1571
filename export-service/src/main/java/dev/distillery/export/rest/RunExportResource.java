package dev.distillery.export.rest;

import dev.distillery.export.DatasetSummary;
import dev.distillery.export.service.DatasetExporter;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * Exports a run now, with what has arrived so far: for a run stuck waiting on a sample that will never come.
 * The export becomes the run's final one (status EXPORTED); samples arriving later are stored and counted, and
 * another POST exports them.
 */
@Path("/runs/{runId}/export")
@Produces(MediaType.APPLICATION_JSON)
public class RunExportResource {
  @Inject DatasetExporter exporter;

  /** 404 when the run's run.closed has not arrived. */
  @POST
  public Uni<DatasetSummary> export(@PathParam("runId") UUID runId) {
    return exporter.exportNow(runId.toString());
  }
}
