package dev.distillery.training;

import dev.distillery.contracts.EventCodec;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.Topics;
import dev.distillery.contracts.TrainingStatusChanged;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The training.status events of one training job, as a downstream consumer reads them. */
public final class StatusEvents implements AutoCloseable {
  private static final EventCodec CODEC = new EventCodec();

  private final ConsumerTask<String, String> task;
  private final String trainingId;

  public StatusEvents(KafkaCompanion kafka, String trainingId) {
    this.task = kafka.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(Topics.TRAINING_STATUS);
    this.trainingId = trainingId;
  }

  public List<TrainingStatusChanged> events() {
    return task.getRecords().stream()
        .filter(r -> trainingId.equals(r.key()))
        .map(r -> CODEC.<TrainingStatusChanged>read(EventType.TRAINING_STATUS, r.value()))
        .toList();
  }

  @Override
  public void close() {
    task.close();
  }
}
