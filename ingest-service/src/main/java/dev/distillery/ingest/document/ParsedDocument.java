package dev.distillery.ingest.document;

import dev.distillery.contracts.ExtractedPair;
import java.util.List;

/**
 * A file made into a paper: metadata, chunks and mined Q&amp;A, all pointing into {@link #text()}.
 *
 * @param mediaType what the content was detected as
 * @param title never blank: metadata, a heading, or the file name
 * @param abstractText the abstract, summary or first paragraph; null when the text has no paragraph
 * @param language ISO 639-1, or null when undetermined
 * @param flags e.g. {@code prompt-injection}, {@code legacy-encoding}
 * @param sections how many sections the paper was cut into before chunking by tokens
 */
public record ParsedDocument(
    String mediaType,
    String text,
    String title,
    List<String> authors,
    String abstractText,
    String language,
    List<String> flags,
    int sections,
    List<Chunk> chunks,
    List<ExtractedPair> pairs) {

  public ParsedDocument {
    authors = List.copyOf(authors);
    flags = List.copyOf(flags);
    chunks = List.copyOf(chunks);
    pairs = List.copyOf(pairs);
  }

  /** The chunk's text, verbatim. */
  public String text(Chunk chunk) {
    return text.substring(chunk.start(), chunk.end());
  }
}
