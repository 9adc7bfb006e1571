package dev.distillery.contracts;

import java.util.List;

/**
 * The instruction types a prompt can ask for: the paper generator's four, the distillation platform's six,
 * chain-of-thought QA, summary, multi-turn conversation, and a user-supplied prompt file.
 */
public enum TaskType {
  CONCEPT_EXPLANATION,
  CODE_IMPLEMENTATION,
  PROBLEM_ANALYSIS,
  COMPARATIVE_ANALYSIS,
  QA,
  CLASSIFICATION,
  TEXT_GENERATION,
  CODE,
  TRANSLATION,
  NER,
  CHAIN_OF_THOUGHT_QA,
  SUMMARY,
  MULTI_TURN,
  CUSTOM;

  /** What a run plans when it names no task types: the paper generator's four. */
  public static final List<TaskType> DEFAULTS =
      List.of(CONCEPT_EXPLANATION, CODE_IMPLEMENTATION, PROBLEM_ANALYSIS, COMPARATIVE_ANALYSIS);
}
