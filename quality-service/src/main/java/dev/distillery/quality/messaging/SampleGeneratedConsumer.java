package dev.distillery.quality.messaging;

import dev.distillery.commons.messaging.EventConsumer;
import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleValidated;
import dev.distillery.contracts.Verdict;
import dev.distillery.quality.repository.ValidationRepository;
import dev.distillery.quality.rules.Assessment;
import dev.distillery.quality.rules.NearDupIndex;
import dev.distillery.quality.service.DedupService;
import dev.distillery.quality.service.GroundingService;
import dev.distillery.quality.service.QualityMetrics;
import dev.distillery.quality.service.QualityRules;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * sample.generated in, sample.validated out — for every sample, whatever the verdict. Judging a sample takes
 * microseconds, so samples come a whole poll at a time (up to {@code max.poll.records}): the rules run on each,
 * the ones they accept are deduplicated together, and the batch's verdicts are stored with one batch of inserts —
 * what lets the gate keep up with many generation workers.
 */
@ApplicationScoped
public class SampleGeneratedConsumer {
  @Inject EventConsumer consumer;
  @Inject QualityRules rules;
  @Inject GroundingService grounding;
  @Inject DedupService dedup;
  @Inject ValidationRepository validations;
  @Inject QualityMetrics metrics;

  @Incoming("sample-generated")
  public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
    return consumer.consumeBatch(batch, EventType.SAMPLE_GENERATED, this::validate);
  }

  private Uni<List<List<? extends DistilleryEvent>>> validate(List<SampleGenerated> samples, SqlConnection tx) {
    return grounding.refine(samples, samples.stream().map(rules::assess).toList())
        .chain(assessments -> dedupAndSave(samples, assessments, tx));
  }

  private Uni<List<List<? extends DistilleryEvent>>> dedupAndSave(
      List<SampleGenerated> samples, List<Assessment> assessments, SqlConnection tx) {
    List<SampleGenerated> accepted = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      if (assessments.get(i).accepted()) {
        accepted.add(samples.get(i));
      }
    }
    return dedup.duplicates(tx, accepted)
        .chain(duplicates -> {
          Instant now = Instant.now();
          List<SampleValidated> verdicts = new ArrayList<>(samples.size());
          for (int i = 0; i < samples.size(); i++) {
            verdicts.add(verdict(samples.get(i), assessments.get(i), duplicates, now));
          }
          return validations.save(tx, verdicts).map(ignored -> {
            verdicts.forEach(metrics::judged);
            return verdicts.stream().<List<? extends DistilleryEvent>>map(List::of).toList();
          });
        });
  }

  private static SampleValidated verdict(
      SampleGenerated sample, Assessment a, Map<String, NearDupIndex.Match> duplicates, Instant now) {
    NearDupIndex.Match duplicate = duplicates.get(sample.sampleId());
    if (duplicate == null) {
      return SampleValidated.of(sample, a.verdict(), a.score(), a.scores(), a.reasons(), null, now);
    }
    String detail = switch (duplicate.reason()) {
      case DUPLICATE -> "same text as sample " + duplicate.duplicateOf();
      case SEMANTIC_DUPLICATE -> String.format(Locale.ROOT, "says what sample %s says (embedding similarity %.2f)",
          duplicate.duplicateOf(), duplicate.similarity());
      default -> String.format(Locale.ROOT, "%.0f%% of its word shingles shared with sample %s",
          duplicate.similarity() * 100, duplicate.duplicateOf());
    };
    return SampleValidated.of(sample, Verdict.REJECTED, a.score(), a.scores(),
        List.of(duplicate.reason().because(detail)), duplicate.duplicateOf(), now);
  }
}
