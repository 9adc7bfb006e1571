package dev.distillery.training;

import java.util.List;

/** The LoRA adapter trained on top of the frozen base model. */
public record LoraSettings(int r, int alpha, double dropout, List<String> targetModules) {
  public LoraSettings {
    targetModules = List.copyOf(targetModules);
  }
}
