package dev.distillery.generation.messaging;

import dev.distillery.commons.messaging.EventConsumer;
import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.PaperIngested;
import dev.distillery.contracts.PromptReady;
import dev.distillery.generation.repository.PromptRepository;
import dev.distillery.generation.service.PromptPlanner;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** paper.ingested in, one prompt.ready per planned prompt out; the prompts are stored with them. */
@ApplicationScoped
public class PaperIngestedConsumer {
  @Inject EventConsumer consumer;
  @Inject PromptPlanner planner;
  @Inject PromptRepository prompts;
  @Inject MeterRegistry registry;

  @Incoming("paper-ingested")
  public Uni<Void> consume(Message<String> message) {
    return consumer.consume(message, EventType.PAPER_INGESTED, this::plan);
  }

  private Uni<List<? extends DistilleryEvent>> plan(PaperIngested paper, SqlConnection tx) {
    List<PromptReady> planned = planner.plan(paper, Instant.now());
    return prompts
        .saveAll(tx, planned)
        .invoke(added -> registry.counter("distillery.prompts.planned").increment(added))
        .replaceWith(planned);
  }
}
