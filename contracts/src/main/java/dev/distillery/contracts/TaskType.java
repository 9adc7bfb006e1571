package dev.distillery.contracts;

/** The instruction types a prompt can ask for. */
public enum TaskType {
  CONCEPT_EXPLANATION,
  CODE_IMPLEMENTATION,
  PROBLEM_ANALYSIS,
  COMPARATIVE_ANALYSIS
}
