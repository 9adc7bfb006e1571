package dev.distillery.export;

/** The halves of a dataset. Papers, not samples, are assigned to a split, so no paper is in both. */
public enum Split {
  TRAIN("train"),
  VALIDATION("validation");

  private final String label;

  Split(String label) {
    this.label = label;
  }

  /** As written in file names, the manifest and {@code ExportedFile.split}. */
  public String label() {
    return label;
  }
}
