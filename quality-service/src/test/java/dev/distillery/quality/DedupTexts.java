package dev.distillery.quality;

import java.util.List;

/** Planted duplicates: one original, its exact, near and paraphrased copies, and distinct answers on the same topic. */
public final class DedupTexts {
  public static final String[] ORIGINAL = {
    "Explain what multi-head attention adds to a single attention function.",
    "Multi-head attention runs several attention functions in parallel, each on its own projection of the inputs,"
        + " and concatenates their results. Because every head works in a different representation subspace, the"
        + " model can attend to different kinds of information at different positions at the same time."};
  /** The same text in other case and spacing. */
  public static final String[] EXACT = {
    "explain what   multi-head attention adds to a single attention function.",
    "MULTI-HEAD attention runs several attention functions in parallel, each on its own projection of the inputs,"
        + " and concatenates their results.  Because every head works in a different representation subspace, the"
        + " model can attend to different kinds of information at different positions at the same time."};
  /** One word changed. */
  public static final String[] NEAR = {
    "Explain what multi-head attention adds to a single attention function.",
    "Multi-head attention runs several attention functions in parallel, each on its own projection of the inputs,"
        + " and concatenates their outputs. Because every head works in a different representation subspace, the"
        + " model can attend to different kinds of information at different positions at the same time."};
  /** The same question and answer in other words. */
  public static final String[] PARAPHRASE = {
    "What does using several attention heads add compared with one attention function?",
    "Several attention functions are computed side by side, each one on a separate projection of the inputs, and"
        + " their outputs are joined together. Since each head operates in its own representation subspace, the"
        + " model is able to focus on different types of information at different positions simultaneously."};
  /** Same topic, different questions and answers: not duplicates. */
  public static final List<String[]> DISTINCT = List.of(
      new String[] {"How does scaled dot-product attention weight the values?",
        "Each value is weighted by the compatibility of its key with the query: the query is compared with every"
            + " key, the scores become weights, and the output is the weighted sum of the values."},
      new String[] {"Why would one attention head be more limited than several?",
        "A single head produces one weighted sum per position, so it must average everything it attends to into"
            + " one view; several heads keep different kinds of information apart."},
      new String[] {"How is the output of multi-head attention formed from the heads?",
        "The outputs of the parallel heads are concatenated, so what each head gathered from its own subspace is"
            + " kept side by side before the final projection."});

  private DedupTexts() {}
}
