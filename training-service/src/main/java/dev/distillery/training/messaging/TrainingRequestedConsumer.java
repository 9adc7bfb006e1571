package dev.distillery.training.messaging;

import dev.distillery.commons.messaging.EventConsumer;
import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.TrainingRequested;
import dev.distillery.training.service.TrainingService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** training.requested in; a training job stored, and its first training.status event out. */
@ApplicationScoped
public class TrainingRequestedConsumer {
  @Inject EventConsumer consumer;
  @Inject TrainingService trainings;

  @Incoming("training-requested")
  public Uni<Void> consume(Message<String> message) {
    return consumer.consume(message, EventType.TRAINING_REQUESTED, this::request);
  }

  private Uni<List<? extends DistilleryEvent>> request(TrainingRequested request, SqlConnection tx) {
    return trainings.request(tx, request);
  }
}
