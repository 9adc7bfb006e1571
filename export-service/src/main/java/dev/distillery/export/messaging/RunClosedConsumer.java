package dev.distillery.export.messaging;

import dev.distillery.commons.messaging.EventConsumer;
import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.RunClosed;
import dev.distillery.export.repository.RunRepository;
import dev.distillery.export.service.DatasetExporter;
import dev.distillery.export.service.RunCompletion;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** run.closed in: the run's final paper list. May complete the run when its samples all came first. */
@ApplicationScoped
public class RunClosedConsumer {
  @Inject EventConsumer consumer;
  @Inject RunRepository runs;
  @Inject RunCompletion completion;
  @Inject DatasetExporter exporter;

  @Incoming("run-closed")
  public Uni<Void> consume(Message<String> message) {
    AtomicReference<String> claimed = new AtomicReference<>();
    return consumer
        .consume(message, EventType.RUN_CLOSED, (RunClosed closed, SqlConnection tx) -> apply(closed, tx, claimed))
        .call(() -> exporter.exportClaimed(claimed.get()));
  }

  /** Records the claim for after commit: files are written only once the claim is durable. */
  private Uni<List<? extends DistilleryEvent>> apply(
      RunClosed closed, SqlConnection tx, AtomicReference<String> claimed) {
    return completion
        .apply(tx, closed.runId(), t -> runs.save(t, closed))
        .invoke(won -> claimed.set(won ? closed.runId() : null))
        .replaceWith(List.of());
  }
}
