package dev.distillery.training.service;

import dev.distillery.training.config.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Estimates the GPU memory a QLoRA fine-tune needs from the base model's size in 4-bit and refuses jobs that
 * cannot fit a node's GPU, before they hold one.
 *
 * <p>The published QLoRA figures are about 6 GB for 7B parameters, 12 GB for 13–14B and 48 GB for 70B (weights in
 * 4-bit plus adapter, optimiser state and activations at modest sequence lengths). Between them the estimate is
 * interpolated linearly, above 70B extrapolated along the 14B–70B slope, and below 7B scaled down from 7B with a
 * 2 GB floor for the CUDA context and activations. These are estimates: long sequences and big micro-batches
 * need more.
 */
@ApplicationScoped
public class GpuMemoryPlanner {
  private static final double[][] PUBLISHED = {{7, 6}, {14, 12}, {70, 48}};
  private static final double FLOOR_GB = 2;
  // "7B", "0.5B", "8x7B" (mixture of experts: all experts are loaded), bounded so "B" in other words is not taken
  private static final Pattern SIZE =
      Pattern.compile("(?i)(?:^|[^a-z0-9.])(?:(\\d+)x)?(\\d+(?:\\.\\d+)?)b(?![a-z0-9])");

  @Inject TrainingConfig config;

  /** The verdict for one base model. */
  public record Fit(boolean fits, OptionalDouble estimateGb, String reason) {}

  public Fit check(String baseModel) {
    OptionalDouble billions =
        config.resources().modelParamsBillions().map(OptionalDouble::of).orElseGet(() -> parameters(baseModel));
    double available = config.resources().gpuMemoryGb();
    if (billions.isEmpty()) {
      return new Fit(
          true,
          OptionalDouble.empty(),
          "the size of " + baseModel + " is not in its name; GPU memory not checked (set training.resources.model-params-billions)");
    }
    double needed = estimateGb(billions.getAsDouble());
    String estimate =
        String.format(
            Locale.ROOT,
            "%s (%s B parameters) needs about %.1f GB of GPU memory for a 4-bit QLoRA fine-tune (interpolated from"
                + " the published ~6 GB for 7B, ~12 GB for 13-14B, ~48 GB for 70B)",
            baseModel, trim(billions.getAsDouble()), needed);
    if (needed > available) {
      return new Fit(
          false,
          OptionalDouble.of(needed),
          estimate + String.format(Locale.ROOT, ", but the training nodes' GPU has %s GB", trim(available)));
    }
    return new Fit(true, OptionalDouble.of(needed), estimate);
  }

  static OptionalDouble parameters(String baseModel) {
    Matcher matcher = SIZE.matcher(baseModel);
    Optional<Double> found = Optional.empty();
    while (matcher.find()) {
      double size = Double.parseDouble(matcher.group(2));
      found = Optional.of(matcher.group(1) == null ? size : size * Integer.parseInt(matcher.group(1)));
    }
    return found.map(OptionalDouble::of).orElse(OptionalDouble.empty());
  }

  static double estimateGb(double billions) {
    double[] first = PUBLISHED[0];
    if (billions <= first[0]) {
      return Math.max(FLOOR_GB, first[1] * billions / first[0]);
    }
    for (int i = 1; i < PUBLISHED.length; i++) {
      double[] low = PUBLISHED[i - 1];
      double[] high = PUBLISHED[i];
      if (billions <= high[0] || i == PUBLISHED.length - 1) {
        return low[1] + (billions - low[0]) * (high[1] - low[1]) / (high[0] - low[0]);
      }
    }
    throw new IllegalStateException("unreachable: the last segment extrapolates");
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
