package dev.distillery.quality.rest;

import dev.distillery.contracts.Verdict;
import dev.distillery.quality.repository.ValidationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The quality gate's share of a run's progress, read by the ingest-service's {@code GET /runs/{id}}. */
@Path("/runs/{runId}/progress")
@Produces(MediaType.APPLICATION_JSON)
public class RunProgressResource {

  /** Verdict counts for one run. */
  public record QualityProgress(long accepted, long rejected, long failed) {}

  @Inject ValidationRepository validations;

  @GET
  public Uni<QualityProgress> progress(@PathParam("runId") UUID runId) {
    return validations
        .countByVerdict(runId.toString())
        .map(c -> new QualityProgress(c.get(Verdict.ACCEPTED), c.get(Verdict.REJECTED), c.get(Verdict.FAILED)));
  }
}
