package dev.distillery.quality.rest;

import dev.distillery.contracts.Verdict;
import dev.distillery.quality.repository.ValidationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A run's quality report (zeros and empty lists for a run the gate has not seen). */
@Path("/runs/{runId}/quality")
@Produces(MediaType.APPLICATION_JSON)
public class RunQualityResource {
  /** Duplicate clusters listed, largest first. */
  static final int MAX_CLUSTERS = 50;

  /**
   * @param passRate accepted / (accepted + rejected); failed generations are not the gate's verdict
   * @param rejectionsByReason rejected samples per reason code (a sample with two reasons counts under both)
   * @param scoreHistogram judged samples per score bucket of width 0.1
   * @param duplicateClusters kept samples with the samples rejected as their duplicates
   */
  public record QualityReport(
      String runId, long accepted, long rejected, long failed, double passRate, Map<String, Long> rejectionsByReason,
      List<Bucket> scoreHistogram, List<ValidationRepository.Cluster> duplicateClusters) {}

  /** Samples with a score in [from, to) ([0.9, 1.0] for the last bucket). */
  public record Bucket(double from, double to, long count) {}

  @Inject ValidationRepository validations;

  @GET
  public Uni<QualityReport> report(@PathParam("runId") UUID runId) {
    String id = runId.toString();
    return Uni.combine().all()
        .unis(validations.countByVerdict(id), validations.rejectionsByReason(id), validations.scoreHistogram(id),
            validations.duplicateClusters(id, MAX_CLUSTERS))
        .with((counts, reasons, histogram, clusters) -> {
          long accepted = counts.get(Verdict.ACCEPTED);
          long rejected = counts.get(Verdict.REJECTED);
          double passRate = accepted + rejected == 0 ? 0 : Math.round(1000.0 * accepted / (accepted + rejected)) / 1000.0;
          List<Bucket> buckets = new ArrayList<>();
          for (int i = 0; i < histogram.length; i++) {
            buckets.add(new Bucket(i / 10.0, (i + 1) / 10.0, histogram[i]));
          }
          return new QualityReport(id, accepted, rejected, counts.get(Verdict.FAILED), passRate, reasons, buckets,
              clusters);
        });
  }
}
