package dev.distillery.export.rest;

import dev.distillery.commons.rest.ApiError;
import dev.distillery.export.repository.RunRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** A run's exported dataset: its manifest.json, as written beside the files. */
@Path("/datasets/{runId}")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {
  @Inject RunRepository runs;

  /** 404 before the run's first export. */
  @GET
  public Uni<Response> manifest(@PathParam("runId") UUID runId) {
    return runs.manifest(runId.toString())
        .map(manifest -> manifest == null
            ? ApiError.response(Response.Status.NOT_FOUND, "run " + runId + " has no exported dataset yet")
            : Response.ok(manifest).build());
  }
}
