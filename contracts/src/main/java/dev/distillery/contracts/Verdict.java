package dev.distillery.contracts;

/** The quality gate's decision on a sample. FAILED: generation failed, nothing to judge. */
public enum Verdict {
  ACCEPTED,
  REJECTED,
  FAILED
}
