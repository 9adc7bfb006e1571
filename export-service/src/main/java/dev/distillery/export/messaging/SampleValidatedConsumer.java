package dev.distillery.export.messaging;

import dev.distillery.commons.messaging.EventConsumer;
import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.SampleValidated;
import dev.distillery.export.repository.SampleRepository;
import dev.distillery.export.service.DatasetExporter;
import dev.distillery.export.service.RunCompletion;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * sample.validated in, every verdict, a whole poll at a time: stored, counted towards its paper, and possibly a
 * run's last one. The batch's samples are applied run by run in run-id order, each run under its lock followed by
 * its completion check, so two consumers' batches touching the same runs take the locks in the same order and
 * never deadlock, and a run completed by any sample of the batch is claimed in this transaction.
 */
@ApplicationScoped
public class SampleValidatedConsumer {
  @Inject EventConsumer consumer;
  @Inject SampleRepository samples;
  @Inject RunCompletion completion;
  @Inject DatasetExporter exporter;

  @Incoming("sample-validated")
  public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
    Set<String> claimed = new ConcurrentSkipListSet<>();
    return consumer
        .consumeBatch(batch, EventType.SAMPLE_VALIDATED,
            (List<SampleValidated> fresh, SqlConnection tx) -> apply(fresh, tx, claimed))
        .call(() -> exportAll(claimed));
  }

  /**
   * Records the claims for after commit: files are written only once a claim is durable. A claim recorded by a
   * transaction that then rolled back is harmless: the export does nothing for a run that is not claimed.
   */
  private Uni<List<List<? extends DistilleryEvent>>> apply(
      List<SampleValidated> batch, SqlConnection tx, Set<String> claimed) {
    Map<String, List<SampleValidated>> byRun = new TreeMap<>();
    batch.forEach(s -> byRun.computeIfAbsent(s.runId(), k -> new ArrayList<>()).add(s));
    Uni<Void> applied = Uni.createFrom().voidItem();
    for (Map.Entry<String, List<SampleValidated>> run : byRun.entrySet()) {
      applied = applied
          .chain(() -> completion.apply(tx, run.getKey(), t -> saveAll(t, run.getValue())))
          .invoke(won -> {
            if (won) {
              claimed.add(run.getKey());
            }
          })
          .replaceWithVoid();
    }
    return applied.map(ignored -> batch.stream().<List<? extends DistilleryEvent>>map(s -> List.of()).toList());
  }

  private Uni<Void> saveAll(SqlClient tx, List<SampleValidated> runSamples) {
    Uni<Void> saved = Uni.createFrom().voidItem();
    for (SampleValidated sample : runSamples) {
      saved = saved.chain(() -> samples.save(tx, sample)).replaceWithVoid();
    }
    return saved;
  }

  private Uni<Void> exportAll(Set<String> claimed) {
    if (claimed.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Multi.createFrom()
        .iterable(new TreeSet<>(claimed))
        .onItem()
        .transformToUniAndConcatenate(exporter::exportClaimed)
        .collect()
        .last()
        .replaceWithVoid();
  }
}
