package dev.distillery.export.dataset;

import java.util.Arrays;

/** The parts of a dataset. Groups (papers, or source files' segments), not single samples, are assigned to a split. */
public enum Split {
  TRAIN("train"),
  VALIDATION("validation"),
  TEST("test");

  private final String label;

  Split(String label) {
    this.label = label;
  }

  /** As written in file names, the manifest and {@code ExportedFile.split}. */
  public String label() {
    return label;
  }

  public static Split ofLabel(String label) {
    return Arrays.stream(values())
        .filter(s -> s.label.equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown split '" + label + "': train, validation or test"));
  }
}
