package dev.distillery.export.service;

import static dev.distillery.contracts.Verdict.ACCEPTED;
import static dev.distillery.export.Pipeline.PATIENCE;
import static dev.distillery.export.Pipeline.awaitRecord;
import static dev.distillery.export.Pipeline.progress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.SampleValidated;
import dev.distillery.contracts.Topics;
import dev.distillery.export.Pipeline;
import dev.distillery.export.TestRun;
import dev.distillery.export.repository.RunRepository;
import dev.distillery.export.repository.SampleRepository;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A crash between claiming a run and exporting it: the next start exports it. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class ExportResumerTest {
  @Inject Pool pool;
  @Inject RunRepository runs;
  @Inject SampleRepository samples;
  @Inject RunCompletion completion;
  @Inject ExportResumer resumer;

  @Test
  void exportsARunLeftClaimedButNotExported() {
    TestRun run = new TestRun(TestRun.config(0.1, false, ExportFormat.OPENAI_CHAT));
    run.paper("Paper Mu", ACCEPTED, ACCEPTED);
    Boolean claimed =
        pool.withTransaction(
                tx -> completion.apply(tx, run.runId(), t -> {
                  Uni<Void> writes = runs.save(t, run.closed());
                  for (SampleValidated sample : run.samples()) {
                    writes = writes.chain(() -> samples.save(t, sample)).replaceWithVoid();
                  }
                  return writes;
                }))
            .await()
            .atMost(PATIENCE);
    assertThat(claimed).isTrue();
    assertThat(progress(run.runId()).getString("status")).isEqualTo("COMPLETE");
    assertThat(Pipeline.dataDir().resolve(run.runId())).doesNotExist();

    resumer.resume().await().atMost(PATIENCE);

    assertThat(progress(run.runId()).getString("status")).isEqualTo("EXPORTED");
    assertThat(Path.of(progress(run.runId()).getString("location")).resolve("openai-chat.train.jsonl")).exists();
    assertThat(awaitRecord(Topics.DATASET_EXPORTED, run.runId()).value()).contains(run.runId());
  }
}
