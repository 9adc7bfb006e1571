package dev.distillery.ingest.document;

import dev.distillery.ingest.document.DocumentRejected.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;

/**
 * What a file is, decided by its content (magic bytes, container structure) through Tika's detector, which is never
 * shown the file name. The name only breaks ties between text types: text that could be plain, Markdown or HTML is
 * Markdown when named {@code .md}, HTML when named {@code .html}; and what Tika can only call binary is read as text
 * when its name says text, so the decoder can name the bad byte. A name that promises a binary document the content
 * is not ({@code report.pdf} holding text) is refused: the user meant a PDF, and reading it as text would hide that
 * the real one is missing.
 */
final class ContentTypes {
  static final String MARKDOWN = "text/markdown";
  static final String PLAIN = "text/plain";
  static final String HTML = "text/html";

  /** Documents handed to Tika. */
  static final Set<String> TIKA = Set.of(
      "application/pdf",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "application/msword",
      "application/vnd.ms-powerpoint",
      "application/vnd.oasis.opendocument.text",
      "application/vnd.oasis.opendocument.presentation",
      "application/rtf",
      "application/epub+zip",
      HTML,
      "application/xhtml+xml");

  private static final Set<String> TEXT = Set.of(PLAIN, MARKDOWN, "text/x-web-markdown", HTML, "application/xhtml+xml");

  private static final Map<String, String> TEXT_BY_EXTENSION = Map.of(
      "md", MARKDOWN, "markdown", MARKDOWN, "mdown", MARKDOWN, "mkd", MARKDOWN,
      "txt", PLAIN, "text", PLAIN,
      "html", HTML, "htm", HTML, "xhtml", HTML);

  private static final Map<String, String> CLAIMED_BY_EXTENSION = Map.of(
      "pdf", "application/pdf",
      "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "epub", "application/epub+zip");

  private final Detector detector;

  ContentTypes(Detector detector) {
    this.detector = detector;
  }

  /** The media type to read the file as; refuses what is no document. */
  String decide(TikaInputStream in, String fileName) {
    String detected;
    try {
      detected = detector.detect(in, new Metadata()).getBaseType().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String extension = extension(fileName);
    String claimed = CLAIMED_BY_EXTENSION.get(extension);
    if (claimed != null && !claimed.equals(detected)) {
      throw new DocumentRejected(Reason.UNREADABLE, "not a readable " + TikaReader.kind(claimed)
          + ": the content is " + describe(detected) + ", not " + TikaReader.kind(claimed));
    }
    String byName = TEXT_BY_EXTENSION.get(extension);
    // "binary" is Tika's guess for text with a stray NUL or a bad byte: a text name sends it to the decoder, which
    // says exactly what is wrong and where
    if (byName != null && detected.equals(MediaType.OCTET_STREAM.toString())) {
      return byName;
    }
    if (TEXT.contains(detected) || detected.startsWith("text/")) {
      if (byName != null) {
        return byName;
      }
      return TEXT.contains(detected) ? normalised(detected) : PLAIN;
    }
    if (TIKA.contains(detected)) {
      return detected;
    }
    throw new DocumentRejected(Reason.NOT_A_DOCUMENT, "not a document: " + detected);
  }

  private static String normalised(String type) {
    return type.equals("text/x-web-markdown") ? MARKDOWN : type.equals("application/xhtml+xml") ? HTML : type;
  }

  private static String describe(String type) {
    return type.equals(MediaType.OCTET_STREAM.toString()) ? "unrecognised binary data" : type;
  }

  static String extension(String fileName) {
    int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
    return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
