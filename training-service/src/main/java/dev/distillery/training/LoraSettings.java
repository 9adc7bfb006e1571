package dev.distillery.training;

import java.util.List;

/**
 * The LoRA adapter trained on top of the frozen base model.
 *
 * @param targetLinear adapt every linear layer, whatever its name; {@code targetModules} is then ignored
 */
public record LoraSettings(int r, int alpha, double dropout, boolean targetLinear, List<String> targetModules) {
  public LoraSettings {
    targetModules = List.copyOf(targetModules);
  }
}
