package dev.distillery.contracts;

/**
 * How a run gets its samples (the modes users of the multi-provider dataset builder had).
 *
 * <ul>
 *   <li>{@link #CREATE}: every sample is generated; Q&amp;A already in a document is treated as text.
 *   <li>{@link #IDENTIFY}: only Q&amp;A mined verbatim from the documents; no LLM call, no cost.
 *   <li>{@link #HYBRID}: every mined pair is kept, then samples are generated — up to
 *       {@link RunConfig#targetPerPaper()} per paper when a target is set, otherwise
 *       {@link RunConfig#samplesPerSegment()} per segment.
 * </ul>
 */
public enum GenerationMode {
  CREATE,
  IDENTIFY,
  HYBRID
}
