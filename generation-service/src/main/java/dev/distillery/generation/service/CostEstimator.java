package dev.distillery.generation.service;

import dev.distillery.contracts.GenerationSettings;
import dev.distillery.generation.client.ModelCatalog;
import dev.distillery.generation.client.ModelSpec;
import dev.distillery.generation.config.GenerationConfig;
import dev.distillery.generation.repository.PromptRepository.Pending;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a run's prompts still to be answered will cost, from their planned token counts, an assumed answer length
 * ({@code generation.budget.expected-output-tokens}) and the model table's prices.
 */
@ApplicationScoped
public class CostEstimator {
  @Inject ModelCatalog models;
  @Inject GenerationConfig config;

  /**
   * One model's share of the estimate.
   *
   * @param priced false when the model is not in the table, so its cost is unknown (counted as 0)
   */
  public record ModelEstimate(
      String model, String role, long prompts, long promptTokens, long expectedOutputTokens, double estimatedUsd,
      boolean priced) {}

  /**
   * @param estimatedUsd what the prompts still to be answered will cost
   * @param allTeacherUsd in a teacher–student run, what they would cost were the teacher to answer them all
   * @param withinBudget whether spent plus estimated stays under the run's budget (true without one)
   */
  public record Estimate(
      long prompts, long promptTokens, long expectedOutputTokens, double estimatedUsd, Double allTeacherUsd,
      double spentUsd, double budgetUsd, boolean withinBudget, List<ModelEstimate> models) {}

  public Estimate estimate(GenerationSettings settings, List<Pending> pending, double spentUsd) {
    int output = config.budget().expectedOutputTokens();
    String student = settings.model() == null || settings.model().isBlank() ? models.defaultKey() : settings.model();
    String teacher = settings.teacherModel() == null || settings.teacherModel().isBlank() ? null : settings.teacherModel();
    List<ModelEstimate> perModel = new ArrayList<>();
    perModel.add(share(student, teacher == null ? "model" : "student", pending.stream().filter(p -> !p.teacher()).toList(), output));
    if (teacher != null) {
      perModel.add(share(teacher, "teacher", pending.stream().filter(Pending::teacher).toList(), output));
    }
    long tokens = pending.stream().mapToLong(Pending::estimatedTokens).sum();
    double total = perModel.stream().mapToDouble(ModelEstimate::estimatedUsd).sum();
    Double allTeacher = teacher == null ? null : share(teacher, "teacher", pending, output).estimatedUsd();
    double budget = settings.budgetUsd();
    return new Estimate(
        pending.size(), tokens, (long) pending.size() * output, total, allTeacher, spentUsd, budget,
        budget <= 0 || spentUsd + total <= budget, perModel);
  }

  private ModelEstimate share(String key, String role, List<Pending> prompts, int output) {
    long tokens = prompts.stream().mapToLong(Pending::estimatedTokens).sum();
    long outputTokens = (long) prompts.size() * output;
    Optional<ModelSpec> spec = models.spec(key);
    double usd = spec.map(s -> (tokens * s.inputPrice() + outputTokens * s.outputPrice()) / 1_000_000.0).orElse(0.0);
    return new ModelEstimate(key, role, prompts.size(), tokens, outputTokens, usd, spec.isPresent());
  }
}
