package dev.distillery.generation.rest;

import dev.distillery.commons.rest.ApiError;
import dev.distillery.generation.repository.PromptRepository;
import dev.distillery.generation.repository.RunRepository;
import dev.distillery.generation.repository.SampleRepository;
import dev.distillery.generation.service.CostEstimator;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * What a run's prompts still to be answered will cost, before it is spent: from the token counts recorded when
 * its papers were planned and the model table's prices. Estimating changes nothing.
 */
@Path("/runs/{runId}/estimate")
@Produces(MediaType.APPLICATION_JSON)
public class RunEstimateResource {
  @Inject RunRepository runs;
  @Inject PromptRepository prompts;
  @Inject SampleRepository samples;
  @Inject CostEstimator estimator;

  @POST
  public Uni<Response> estimate(@PathParam("runId") UUID runId) {
    String run = runId.toString();
    return runs.settings(run)
        .flatMap(
            settings -> settings.isEmpty()
                ? Uni.createFrom().item(
                    ApiError.response(Response.Status.NOT_FOUND,
                        "run " + run + " is unknown to generation-service: none of its papers has been planned yet"))
                : Uni.combine().all().unis(prompts.pending(run), samples.spentForRun(run))
                    .with((pending, spent) -> Response.ok(estimator.estimate(settings.get(), pending, spent)).build()));
  }
}
