package dev.distillery.training.service;

import dev.distillery.contracts.TrainingRequested;
import dev.distillery.training.Training;
import dev.distillery.training.repository.TrainingRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A training request becomes a stored training job with its manifests rendered, ready to submit. */
@ApplicationScoped
public class TrainingService {
  @Inject TrainingPlanner planner;
  @Inject AxolotlConfigRenderer axolotl;
  @Inject JobRenderer jobs;
  @Inject TrainingRepository trainings;
  @Inject MeterRegistry registry;

  /** Inside the caller's transaction; a second request for the same dataset keeps the first job. */
  public Uni<Void> request(SqlClient tx, TrainingRequested request) {
    Training planned = planner.plan(request);
    Training rendered = planned.withManifests(jobs.render(planned, axolotl.render(planned)));
    return trainings
        .insert(tx, rendered)
        .invoke(inserted -> {
          if (inserted) {
            registry.counter("distillery.trainings.requested").increment();
          }
        })
        .replaceWithVoid();
  }
}
