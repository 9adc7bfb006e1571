package dev.distillery.generation.messaging;

import dev.distillery.commons.messaging.EventConsumer;
import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.PaperIngested;
import dev.distillery.generation.repository.PromptRepository;
import dev.distillery.generation.repository.PromptRepository.Planned;
import dev.distillery.generation.repository.RunRepository;
import dev.distillery.generation.repository.SampleRepository;
import dev.distillery.generation.service.PromptPlanner;
import dev.distillery.generation.service.PromptPlanner.Plan;
import dev.distillery.generation.service.openai.PromptSizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * paper.ingested in; one sample.generated per pair mined from the paper and one prompt.ready per planned prompt
 * out (student prompts later, see {@link PromptReadyConsumer}), all stored with the run's settings in the
 * consumer's transaction.
 */
@ApplicationScoped
public class PaperIngestedConsumer {
  @Inject EventConsumer consumer;
  @Inject PromptPlanner planner;
  @Inject RunRepository runs;
  @Inject PromptRepository prompts;
  @Inject SampleRepository samples;
  @Inject PromptSizer sizer;
  @Inject MeterRegistry registry;

  @Incoming("paper-ingested")
  public Uni<Void> consume(Message<String> message) {
    return consumer.consume(message, EventType.PAPER_INGESTED, this::plan);
  }

  private Uni<List<? extends DistilleryEvent>> plan(PaperIngested paper, SqlConnection tx) {
    Plan plan = planner.plan(paper, Instant.now());
    List<DistilleryEvent> events = new ArrayList<>(plan.extracted());
    plan.prompts().stream().filter(p -> !p.deferred()).map(Planned::prompt).forEach(events::add);
    List<Planned> slots = sizer.withEstimates(plan.slots());
    return runs.remember(tx, paper.runId(), paper.config().generation())
        .chain(() -> prompts.saveAll(tx, slots, paper.language()))
        .invoke(added -> registry.counter("distillery.prompts.planned").increment(added))
        .chain(() -> samples.saveExtracted(tx, plan.extracted()))
        .invoke(added -> registry.counter("distillery.samples.extracted").increment(added))
        .replaceWith(events);
  }
}
