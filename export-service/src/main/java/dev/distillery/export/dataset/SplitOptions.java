package dev.distillery.export.dataset;

/**
 * How examples are divided into train, validation and test.
 *
 * @param strategy what is held out whole
 * @param seed changes which groups are held out; the same seed and samples always give the same split
 * @param validationShare share of examples wanted in validation, 0..0.5
 * @param testShare share of examples wanted in test, 0..0.5; 0 for no test split
 */
public record SplitOptions(Strategy strategy, long seed, double validationShare, double testShare) {

  /** What a split keeps together. */
  public enum Strategy {
    /**
     * Whole papers are held out, so no paper's text is in two splits and validation measures generalisation to
     * unseen papers. Shares are approximate: they are met in whole papers.
     */
    PAPER,
    /**
     * The earlier builder's equal-representation rule: every source file gives its own share of its examples to
     * validation and test (within ±1 example), taken segment by segment so that at most one segment per source
     * straddles two splits. Papers do appear in several splits.
     */
    SOURCE
  }

  public SplitOptions {
    strategy = strategy == null ? Strategy.PAPER : strategy;
    check("validationShare", validationShare);
    check("testShare", testShare);
    if (validationShare + testShare >= 1) {
      throw new IllegalArgumentException("validationShare + testShare must leave examples for training");
    }
  }

  public static SplitOptions paper(long seed, double validationShare) {
    return new SplitOptions(Strategy.PAPER, seed, validationShare, 0);
  }

  public double share(Split split) {
    return switch (split) {
      case TRAIN -> 1 - validationShare - testShare;
      case VALIDATION -> validationShare;
      case TEST -> testShare;
    };
  }

  private static void check(String name, double share) {
    if (Double.isNaN(share) || share < 0 || share > 0.5) {
      throw new IllegalArgumentException(name + " must be between 0 and 0.5, was " + share);
    }
  }
}
