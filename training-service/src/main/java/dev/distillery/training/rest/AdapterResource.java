package dev.distillery.training.rest;

import dev.distillery.commons.rest.ApiError;
import dev.distillery.training.Adapter;
import dev.distillery.training.repository.AdapterRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/** The adapter registry: every adapter a training job produced, with its metrics and lineage. */
@Path("/adapters")
@Produces(MediaType.APPLICATION_JSON)
public class AdapterResource {
  @Inject AdapterRepository adapters;

  /** All adapters, oldest first, or one run's with {@code ?runId=}. */
  @GET
  public Uni<List<Adapter>> list(@QueryParam("runId") String runId) {
    return adapters.list(
        runId == null || runId.isBlank() ? Optional.empty() : Optional.of(TrainingResource.uuid("runId", runId)));
  }

  @GET
  @Path("/{id}")
  public Uni<Response> get(@PathParam("id") String id) {
    return adapters
        .find(TrainingResource.uuid("adapter id", id))
        .map(
            found ->
                found
                    .map(adapter -> Response.ok(adapter).build())
                    .orElseGet(() -> ApiError.response(Response.Status.NOT_FOUND, "no adapter with id " + id)));
  }
}
