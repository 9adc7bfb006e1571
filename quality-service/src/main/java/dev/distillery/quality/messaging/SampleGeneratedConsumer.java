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
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** sample.generated in, sample.validated out — for every sample, whatever the verdict. */
@ApplicationScoped
public class SampleGeneratedConsumer {
  @Inject EventConsumer consumer;
  @Inject QualityRules rules;
  @Inject ValidationRepository validations;
  @Inject MeterRegistry registry;

  @Incoming("sample-generated")
  public Uni<Void> consume(Message<String> message) {
    return consumer.consume(message, EventType.SAMPLE_GENERATED, this::validate);
  }

  private Uni<List<? extends DistilleryEvent>> validate(SampleGenerated sample, SqlConnection tx) {
    Assessment assessment = rules.assess(sample);
    SampleValidated validated =
        SampleValidated.of(
            sample, assessment.verdict(), assessment.score(), assessment.scores(), assessment.reasons(), Instant.now());
    return validations
        .save(tx, validated)
        .invoke(() -> registry.counter("distillery.samples.validated", "verdict", validated.verdict().name().toLowerCase())
            .increment())
        .replaceWith(List.of(validated));
  }
}
