package dev.distillery.ingest.document;

import java.util.List;

/**
 * What a reader got out of a file before any analysis.
 *
 * @param metadataTitle the title the file declares (front matter, dc:title), or null
 * @param authors as declared (front matter, dc:creator); empty when none
 */
record Extracted(DocumentText document, String metadataTitle, List<String> authors) {

  Extracted {
    authors = List.copyOf(authors);
  }
}
