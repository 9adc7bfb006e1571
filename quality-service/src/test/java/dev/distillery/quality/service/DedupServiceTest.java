package dev.distillery.quality.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.contracts.SampleGenerated;
import dev.distillery.quality.DedupTexts;
import dev.distillery.quality.SampleFixtures;
import dev.distillery.quality.rules.NearDupIndex;
import dev.distillery.quality.rules.Reason;
import dev.distillery.testsupport.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Dedup against PostgreSQL: first seen wins, and concurrent instances agree. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class DedupServiceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Inject DedupService dedup;
  @Inject Pool pool;

  @Test
  void exactAndNearCopiesAreDuplicatesOfTheFirstAndSameTopicSamplesAreNot() {
    String runId = UUID.randomUUID().toString();
    List<String[]> texts = new ArrayList<>(List.of(DedupTexts.ORIGINAL, DedupTexts.EXACT, DedupTexts.NEAR));
    texts.addAll(DedupTexts.DISTINCT);
    List<SampleGenerated> samples = SampleFixtures.ofOnePaper(runId, texts);

    Map<String, NearDupIndex.Match> found = inTransaction(samples);

    String original = samples.get(0).sampleId();
    assertThat(found).containsOnlyKeys(samples.get(1).sampleId(), samples.get(2).sampleId());
    assertThat(found.get(samples.get(1).sampleId())).extracting(NearDupIndex.Match::reason, NearDupIndex.Match::duplicateOf)
        .containsExactly(Reason.DUPLICATE, original);
    assertThat(found.get(samples.get(2).sampleId())).extracting(NearDupIndex.Match::reason, NearDupIndex.Match::duplicateOf)
        .containsExactly(Reason.NEAR_DUPLICATE, original);
  }

  @Test
  void aLaterBatchIsComparedWithWhatEarlierBatchesKeptAndOtherRunsAreIgnored() {
    String runId = UUID.randomUUID().toString();
    List<SampleGenerated> first = SampleFixtures.ofOnePaper(runId, List.<String[]>of(DedupTexts.ORIGINAL));
    List<SampleGenerated> later = SampleFixtures.ofOnePaper(runId, List.of(DedupTexts.NEAR, DedupTexts.DISTINCT.get(0)));
    List<SampleGenerated> otherRun =
        SampleFixtures.ofOnePaper(UUID.randomUUID().toString(), List.<String[]>of(DedupTexts.EXACT));

    assertThat(inTransaction(first)).isEmpty();
    Map<String, NearDupIndex.Match> found = inTransaction(later);

    assertThat(found).containsOnlyKeys(later.get(0).sampleId());
    assertThat(found.get(later.get(0).sampleId()).duplicateOf()).isEqualTo(first.get(0).sampleId());
    assertThat(inTransaction(otherRun)).isEmpty();
  }

  @Test
  void twoInstancesJudgingTheSameRunAtOnceAgreeOnEveryDuplicate() {
    String runId = UUID.randomUUID().toString();
    // each "instance" holds one copy of every group, in opposite orders, so each would keep all its own on its own
    List<String[]> groups = new ArrayList<>(List.<String[]>of(DedupTexts.ORIGINAL));
    groups.addAll(DedupTexts.DISTINCT);
    List<String[]> mirrored = new ArrayList<>(List.of(DedupTexts.EXACT, DedupTexts.NEAR));
    List<String[]> ownTexts = new ArrayList<>(groups);
    ownTexts.addAll(mirrored);
    List<SampleGenerated> a = SampleFixtures.ofOnePaper(runId, ownTexts);
    List<String[]> reversed = new ArrayList<>(groups);
    Collections.reverse(reversed);
    List<SampleGenerated> b = SampleFixtures.ofOnePaper(runId, reversed);

    List<Map<String, NearDupIndex.Match>> results =
        Uni.join().all(inTransactionAsync(a), inTransactionAsync(b)).andFailFast().await().atMost(TIMEOUT);

    Map<String, NearDupIndex.Match> all = new HashMap<>(results.get(0));
    all.putAll(results.get(1));
    List<SampleGenerated> everything = new ArrayList<>(a);
    everything.addAll(b);
    List<String> kept = everything.stream().map(SampleGenerated::sampleId).filter(id -> !all.containsKey(id)).toList();
    // one kept sample per group of equal texts: the original group (with its exact and near copies) and each distinct one
    assertThat(kept).hasSize(1 + DedupTexts.DISTINCT.size());
    assertThat(all.values()).allSatisfy(m -> assertThat(kept).contains(m.duplicateOf()));
    Map<String, Long> textsKept = everything.stream().filter(s -> kept.contains(s.sampleId()))
        .collect(Collectors.groupingBy(s -> s.instruction().toLowerCase().replaceAll("\\s+", " "), Collectors.counting()));
    assertThat(textsKept.values()).allMatch(n -> n == 1);
  }

  private Map<String, NearDupIndex.Match> inTransaction(List<SampleGenerated> samples) {
    return inTransactionAsync(samples).await().atMost(TIMEOUT);
  }

  private Uni<Map<String, NearDupIndex.Match>> inTransactionAsync(List<SampleGenerated> samples) {
    return pool.withTransaction(tx -> dedup.duplicates(tx, samples));
  }
}
