package dev.distillery.training.rest;

import dev.distillery.commons.rest.ApiError;
import dev.distillery.training.Training;
import dev.distillery.training.repository.TrainingRepository;
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
import java.util.UUID;

/** Training jobs with their rendered manifests: the Job, its ConfigMap and the axolotl config. */
@Path("/trainings")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingResource {
  @Inject TrainingRepository trainings;

  @GET
  @Path("/{id}")
  public Uni<Response> get(@PathParam("id") String id) {
    return trainings
        .find(uuid("training id", id))
        .map(
            found ->
                found
                    .map(training -> Response.ok(training).build())
                    .orElseGet(() -> ApiError.response(Response.Status.NOT_FOUND, "no training with id " + id)));
  }

  /** A run's training jobs, oldest first; empty for a run that asked for none. */
  @GET
  public Uni<List<Training>> list(@QueryParam("runId") String runId) {
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("query parameter runId is required, e.g. /trainings?runId=<run id>");
    }
    return trainings.findByRun(uuid("runId", runId));
  }

  private static UUID uuid(String what, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " '" + value + "' is not a UUID", e);
    }
  }
}
