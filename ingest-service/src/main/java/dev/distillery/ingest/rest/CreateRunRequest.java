package dev.distillery.ingest.rest;

/**
 * The body of {@code POST /runs}; both fields optional.
 *
 * @param name what to call the run (at most {@value #MAX_NAME_LENGTH} characters)
 */
public record CreateRunRequest(String name, RunConfigRequest config) {
  public static final int MAX_NAME_LENGTH = 200;

  /** The name stripped, or null when blank. */
  public String cleanName() {
    if (name == null || name.isBlank()) {
      return null;
    }
    String stripped = name.strip();
    if (stripped.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "name must be at most " + MAX_NAME_LENGTH + " characters, was " + stripped.length());
    }
    return stripped;
  }
}
