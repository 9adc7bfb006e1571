package dev.distillery.generation.rest;

import dev.distillery.contracts.GenerationSettings;
import dev.distillery.contracts.SampleStatus;
import dev.distillery.generation.repository.PromptRepository;
import dev.distillery.generation.repository.RunRepository;
import dev.distillery.generation.repository.SampleRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;

/** The generator's share of a run's progress, read by the ingest-service's {@code GET /runs/{id}}. */
@Path("/runs/{runId}/progress")
@Produces(MediaType.APPLICATION_JSON)
public class RunProgressResource {

  /**
   * Prompts planned for a run (mined pairs included) and how many have been answered or have failed; what
   * the run spent, per model and in all; and, for a run with a budget, what is left of it and whether prompts
   * were left unsent because of it.
   *
   * @param budgetUsd the run's cap, 0 when it has none
   * @param budgetRemainingUsd what is left under the cap, 0 when the run has none
   */
  public record GenerationProgress(
      long promptsPlanned, long samplesGenerated, long samplesFailed, double spentUsd, Map<String, Double> costByModel,
      double budgetUsd, double budgetRemainingUsd, boolean budgetExhausted) {}

  @Inject PromptRepository prompts;
  @Inject SampleRepository samples;
  @Inject RunRepository runs;

  @GET
  public Uni<GenerationProgress> progress(@PathParam("runId") UUID runId) {
    String run = runId.toString();
    return Uni.combine()
        .all()
        .unis(prompts.countForRun(run), samples.countByStatus(run), samples.costs(run), runs.settings(run))
        .with(
            (planned, byStatus, costs, settings) -> {
              double budget = settings.map(GenerationSettings::budgetUsd).orElse(0.0);
              return new GenerationProgress(
                  planned, byStatus.get(SampleStatus.GENERATED), byStatus.get(SampleStatus.FAILED), costs.totalUsd(),
                  costs.byModel(), budget, budget > 0 ? Math.max(0, budget - costs.totalUsd()) : 0,
                  costs.budgetRefusals() > 0);
            });
  }
}
