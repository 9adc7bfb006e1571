package dev.distillery.contracts;

/** Where a sample's text came from: an LLM (or the offline generator), or the document itself. */
public enum SampleOrigin {
  GENERATED,
  EXTRACTED
}
