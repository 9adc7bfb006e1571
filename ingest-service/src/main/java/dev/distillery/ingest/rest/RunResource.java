package dev.distillery.ingest.rest;

import dev.distillery.contracts.RunConfig;
import dev.distillery.ingest.Run;
import dev.distillery.ingest.service.RunDetails;
import dev.distillery.ingest.service.RunProgressService;
import dev.distillery.ingest.service.RunService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/** Runs: create, list, look at, close. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
  @Inject RunService runs;
  @Inject RunProgressService progress;

  /** Creates an open run; an absent body or config takes the defaults. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<Run>> create(CreateRunRequest request) {
    String name = request == null ? null : request.cleanName();
    RunConfig config =
        request == null || request.config() == null ? RunConfig.defaults() : request.config().toRunConfig();
    return runs.create(name, config)
        .map(run -> RestResponse.ResponseBuilder.<Run>created(URI.create("/runs/" + run.runId())).entity(run).build());
  }

  /** The newest runs first, at most {@value RunService#LIST_LIMIT}. */
  @GET
  public Uni<List<Run>> list() {
    return runs.newest();
  }

  /** The run, its own counts, and what each downstream service reports about it. */
  @GET
  @Path("/{runId}")
  public Uni<RunDetails> get(@PathParam("runId") UUID runId) {
    return progress.details(runId);
  }

  /** No more papers: publishes run.closed with the final paper list. Idempotent. */
  @POST
  @Path("/{runId}/close")
  public Uni<Run> close(@PathParam("runId") UUID runId) {
    return runs.close(runId);
  }
}
