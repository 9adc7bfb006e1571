package dev.distillery.contracts;

import java.util.List;

/**
 * Where a prompt or sample came from, carried downstream so exports can show — and trace back to — the
 * source chunk.
 *
 * @param sectionPath headings from the document root down to the chunk
 * @param charStart offset of the chunk (or of the mined pair) in the paper's extracted text
 * @param charEnd offset just past it
 * @param paperFlags what ingest noticed about the whole paper, e.g. {@code prompt-injection}
 */
public record SourceRef(
    String paperTitle,
    String sourceName,
    String segmentHeading,
    String segmentText,
    List<String> sectionPath,
    int charStart,
    int charEnd,
    List<String> paperFlags) {

  public SourceRef {
    sectionPath = sectionPath == null ? List.of() : List.copyOf(sectionPath);
    paperFlags = paperFlags == null ? List.of() : List.copyOf(paperFlags);
  }

  public SourceRef(String paperTitle, String sourceName, String segmentHeading, String segmentText) {
    this(paperTitle, sourceName, segmentHeading, segmentText, null, 0, segmentText == null ? 0 : segmentText.length(),
        null);
  }
}
