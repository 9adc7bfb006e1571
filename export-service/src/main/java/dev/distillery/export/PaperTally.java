package dev.distillery.export;

/**
 * One paper's samples in a run.
 *
 * @param title the paper's title as carried on its samples, null when none has arrived
 * @param planned prompts planned for the paper (0 when no sample has arrived, so unknown)
 * @param received distinct samples received, whatever their verdict
 */
public record PaperTally(
    String paperId, String title, String sourceName, int planned, int received, int accepted, int rejected,
    int failed) {

  public static PaperTally nothingYet(String paperId) {
    return new PaperTally(paperId, null, null, 0, 0, 0, 0, 0);
  }

  public boolean complete() {
    return planned > 0 && received >= planned;
  }
}
