package dev.distillery.ingest.document;

import dev.distillery.ingest.document.DocumentRejected.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Documents Tika parses: PDF, Word, PowerPoint, OpenDocument, RTF, EPUB, HTML. The parser is chosen by the media type
 * detected from the content. Embedded files (images in a DOCX, attachments in a PDF) are not parsed: they are not
 * the document's text and would multiply the work a hostile file can cause. No OCR: a scanned PDF has no text.
 */
final class TikaReader {
  private final Parser parser;

  TikaReader(Parser parser) {
    this.parser = parser;
  }

  Extracted read(InputStream in, String mediaType, long maxChars) {
    Metadata metadata = new Metadata();
    metadata.set(Metadata.CONTENT_TYPE, mediaType);
    StructureHandler handler = new StructureHandler(maxChars, mediaType.equals("application/pdf"));
    try {
      parser.parse(in, handler, metadata, context());
    } catch (SAXException e) {
      if (e.getException() instanceof DocumentRejected rejected) {
        throw rejected;
      }
      throw unreadable(mediaType, e);
    } catch (ZeroByteFileException e) {
      throw new DocumentRejected(Reason.EMPTY, "empty: the file has 0 bytes");
    } catch (EncryptedDocumentException e) {
      throw new DocumentRejected(Reason.UNREADABLE, "not a readable " + kind(mediaType)
          + ": it is encrypted (password protected)");
    } catch (TikaException | IOException | RuntimeException e) {
      if (e instanceof DocumentRejected rejected) {
        throw rejected;
      }
      throw unreadable(mediaType, e);
    }
    List<String> authors = new ArrayList<>();
    for (String creator : metadata.getValues(TikaCoreProperties.CREATOR)) {
      Arrays.stream(creator.split("\\s*;\\s*")).map(String::strip).filter(s -> !s.isEmpty()).forEach(authors::add);
    }
    String title = metadata.get(TikaCoreProperties.TITLE);
    return new Extracted(handler.result(), title == null || title.isBlank() ? null : title.strip(),
        authors.stream().distinct().toList());
  }

  private static ParseContext context() {
    ParseContext context = new ParseContext();
    PDFParserConfig pdf = new PDFParserConfig();
    pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
    pdf.setExtractInlineImages(false);
    pdf.setExtractBookmarksText(true);
    pdf.setExtractAnnotationText(false);
    context.set(PDFParserConfig.class, pdf);
    context.set(EmbeddedDocumentExtractor.class, new SkipEmbedded());
    return context;
  }

  static DocumentRejected unreadable(String mediaType, Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String detail = cause.getMessage() == null || cause.getMessage().isBlank()
        ? cause.getClass().getSimpleName() : cause.getMessage().strip();
    if (detail.length() > 300) {
      detail = detail.substring(0, 300) + "…";
    }
    return new DocumentRejected(Reason.UNREADABLE, "not a readable " + kind(mediaType) + ": " + detail);
  }

  static String kind(String mediaType) {
    return switch (mediaType) {
      case "application/pdf" -> "PDF";
      case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "DOCX";
      case "application/vnd.openxmlformats-officedocument.presentationml.presentation" -> "PPTX";
      case "application/epub+zip" -> "EPUB";
      case "text/html", "application/xhtml+xml" -> "HTML document";
      case "application/msword" -> "Word document";
      case "application/vnd.ms-powerpoint" -> "PowerPoint document";
      case "application/rtf" -> "RTF document";
      default -> mediaType.toLowerCase(Locale.ROOT) + " document";
    };
  }

  /** Tells Tika to leave embedded documents alone. */
  private static final class SkipEmbedded implements EmbeddedDocumentExtractor {
    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
      return false;
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
      // nothing: an embedded file is not part of the paper
    }
  }
}
