package dev.distillery.quality.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.contracts.SampleGenerated;
import dev.distillery.quality.DedupTexts;
import dev.distillery.quality.SampleFixtures;
import dev.distillery.quality.rules.Assessment;
import dev.distillery.quality.rules.NearDupIndex;
import dev.distillery.quality.rules.Reason;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With the in-process embedding model on (as in every test, see {@code %test.} in application.properties):
 * paraphrases are duplicates, and grounding weighs meaning too.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class SemanticChecksTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Inject DedupService dedup;
  @Inject GroundingService grounding;
  @Inject QualityRules rules;
  @Inject Pool pool;

  @Test
  void aParaphraseIsASemanticDuplicateOfTheFirstAndSameTopicSamplesAreNot() {
    String runId = UUID.randomUUID().toString();
    List<String[]> texts = new ArrayList<>(List.<String[]>of(DedupTexts.ORIGINAL));
    texts.addAll(DedupTexts.DISTINCT);
    List<SampleGenerated> first = SampleFixtures.ofOnePaper(runId, texts);
    List<SampleGenerated> later = SampleFixtures.ofOnePaper(runId, List.<String[]>of(DedupTexts.PARAPHRASE));

    Map<String, NearDupIndex.Match> inFirst = pool.withTransaction(tx -> dedup.duplicates(tx, first)).await()
        .atMost(TIMEOUT);
    Map<String, NearDupIndex.Match> inLater = pool.withTransaction(tx -> dedup.duplicates(tx, later)).await()
        .atMost(TIMEOUT);

    assertThat(inFirst).isEmpty();
    NearDupIndex.Match paraphrase = inLater.get(later.get(0).sampleId());
    assertThat(paraphrase.reason()).isEqualTo(Reason.SEMANTIC_DUPLICATE);
    assertThat(paraphrase.duplicateOf()).isEqualTo(first.get(0).sampleId());
    assertThat(paraphrase.similarity()).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void groundingBlendsWordOverlapWithEmbeddingSimilarity() {
    String runId = UUID.randomUUID().toString();
    List<SampleGenerated> samples = SampleFixtures.ofOnePaper(runId, List.of(DedupTexts.PARAPHRASE,
        new String[] {"Explain multi-head attention.", "Gradient boosting fits a sequence of shallow decision trees,"
            + " each correcting the residual errors of the ensemble, and shrinks each tree by a learning rate."}));
    List<Assessment> byRules = samples.stream().map(rules::assess).toList();

    List<Assessment> refined = grounding.refine(samples, byRules).await().atMost(TIMEOUT);

    assertThat(refined.get(0).accepted()).isTrue();
    assertThat(refined.get(0).scores()).containsKey("grounding-embedding");
    assertThat(refined.get(0).scores().get("grounding-embedding")).isGreaterThan(0.5);
    assertThat(refined.get(1).reasons()).singleElement().asString().startsWith("ungrounded: the source backs");
  }
}
