package dev.distillery.export.messaging;

import dev.distillery.commons.messaging.EventConsumer;
import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.SampleValidated;
import dev.distillery.export.repository.SampleRepository;
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

/** sample.validated in, every verdict: stored, counted towards its paper, and possibly the run's last one. */
@ApplicationScoped
public class SampleValidatedConsumer {
  @Inject EventConsumer consumer;
  @Inject SampleRepository samples;
  @Inject RunCompletion completion;
  @Inject DatasetExporter exporter;

  @Incoming("sample-validated")
  public Uni<Void> consume(Message<String> message) {
    AtomicReference<String> claimed = new AtomicReference<>();
    return consumer
        .consume(
            message, EventType.SAMPLE_VALIDATED,
            (SampleValidated sample, SqlConnection tx) -> apply(sample, tx, claimed))
        .call(() -> exporter.exportClaimed(claimed.get()));
  }

  /** Records the claim for after commit: files are written only once the claim is durable. */
  private Uni<List<? extends DistilleryEvent>> apply(
      SampleValidated sample, SqlConnection tx, AtomicReference<String> claimed) {
    return completion
        .apply(tx, sample.runId(), t -> samples.save(t, sample))
        .invoke(won -> claimed.set(won ? sample.runId() : null))
        .replaceWith(List.of());
  }
}
