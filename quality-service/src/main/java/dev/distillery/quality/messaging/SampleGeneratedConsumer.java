package dev.distillery.quality.messaging;

import dev.distillery.commons.messaging.EventConsumer;
import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleValidated;
import dev.distillery.quality.repository.ValidationRepository;
import dev.distillery.quality.service.Assessment;
import dev.distillery.quality.service.QualityRules;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * sample.generated in, sample.validated out — for every sample, whatever the verdict. Judging a sample takes
 * microseconds, so samples come a whole poll at a time (up to {@code max.poll.records}) and a batch's verdicts are
 * stored with one batch of inserts: what lets the gate keep up with many generation workers.
 */
@ApplicationScoped
public class SampleGeneratedConsumer {
  @Inject EventConsumer consumer;
  @Inject QualityRules rules;
  @Inject ValidationRepository validations;
  @Inject MeterRegistry registry;

  @Incoming("sample-generated")
  public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
    return consumer.consumeBatch(batch, EventType.SAMPLE_GENERATED, this::validate);
  }

  private Uni<List<List<? extends DistilleryEvent>>> validate(List<SampleGenerated> samples, SqlConnection tx) {
    List<SampleValidated> verdicts = samples.stream().map(this::judge).toList();
    return validations
        .save(tx, verdicts)
        .map(
            ignored -> {
              verdicts.forEach(v -> registry.counter("distillery.samples.validated", "verdict",
                  v.verdict().name().toLowerCase(Locale.ROOT)).increment());
              return verdicts.stream().<List<? extends DistilleryEvent>>map(List::of).toList();
            });
  }

  private SampleValidated judge(SampleGenerated sample) {
    Assessment assessment = rules.assess(sample);
    return SampleValidated.of(
        sample, assessment.verdict(), assessment.score(), assessment.scores(), assessment.reasons(), Instant.now());
  }
}
