package dev.distillery.contracts;

/** Whether the generator produced a sample or gave up on its prompt. */
public enum SampleStatus {
  GENERATED,
  FAILED
}
