package dev.distillery.ingest.document;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.distillery.ingest.document.DocumentRejected.Reason;
import dev.distillery.ingest.document.DocumentText.Block;
import dev.distillery.ingest.document.DocumentText.Heading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.io.TikaInputStream;

/**
 * Turns one file into a {@link ParsedDocument}: detects what it is, extracts text and structure (CommonMark for
 * Markdown, Tika for the rest), cuts it into sections and token-sized chunks, mines Q&amp;A, and notes title,
 * authors, abstract, language and flags. Thread-safe and free of framework state, so the service's workers and the
 * benchmark use the same code.
 *
 * <p>Sections follow the earlier tool's rule: a paper is cut at its H1 headings and a section shorter than
 * {@code minSegmentChars} is merged into the next (the last into the previous). A document with at most one H1 is
 * cut at the shallowest heading level that occurs more than once instead (an H1 title over H2 sections, as DOCX and
 * HTML usually are), and a document without headings is one section that the chunker cuts by size.
 */
public final class DocumentParser {
  private static final Pattern ABSTRACT_LABEL =
      Pattern.compile("(?i)^[*_]{0,2}abstract\\s*[:.\u2014\u2013-]?[*_]{0,2}(?![\\p{L}\\p{N}])[\\s:.\u2014\u2013-]*");
  private static final Set<String> ABSTRACT_HEADINGS = Set.of("abstract", "summary");
  private static final Set<String> SECTION_NAMES = Set.of("abstract", "summary", "introduction", "background",
      "overview", "statement of need", "motivation", "preface", "contents", "table of contents");
  private static final Pattern PLACEHOLDER_TITLE =
      Pattern.compile("(?i)^(untitled.*|microsoft (word|powerpoint) - .*|document\\d*|presentation\\d*|.*\\.(docx?|pptx?|pdf|tex))$");

  /**
   * @param minSegmentChars sections shorter than this are merged with a neighbour
   * @param maxTokens the most tokens a chunk may have
   * @param overlapTokens tokens of the previous chunk repeated at the start of the next one
   * @param maxTextChars the most characters of text a paper may have
   */
  public record Settings(int minSegmentChars, int maxTokens, int overlapTokens, long maxTextChars) {}

  private final Settings settings;
  private final ContentTypes contentTypes;
  private final TikaReader tika;
  private final Chunker chunker;

  public DocumentParser(Settings settings) {
    this.settings = settings;
    TikaConfig config = TikaHolder.CONFIG;
    this.contentTypes = new ContentTypes(config.getDetector());
    this.tika = new TikaReader(config.getParser());
    this.chunker = new Chunker(Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE),
        settings.maxTokens(), settings.overlapTokens());
  }

  /** Tika's default configuration scans the class path for parsers once: share it. */
  private static final class TikaHolder {
    static final TikaConfig CONFIG = TikaConfig.getDefaultConfig();
  }

  /**
   * @param fileName the name the user gave the file: a tie-breaker between text types and the title of last resort
   * @throws DocumentRejected with a reason a user understands
   */
  public ParsedDocument parse(String fileName, Path file) {
    try {
      if (Files.size(file) == 0) {
        throw new DocumentRejected(Reason.EMPTY, "empty: the file has 0 bytes");
      }
      try (TikaInputStream in = TikaInputStream.get(file)) {
        String mediaType = contentTypes.decide(in, fileName);
        Extracted extracted;
        List<String> flags = new ArrayList<>();
        if (ContentTypes.TIKA.contains(mediaType)) {
          extracted = tika.read(in, mediaType, settings.maxTextChars());
          if (extracted.document().text().isBlank()) {
            throw new DocumentRejected(Reason.NO_TEXT, "no text: the " + TikaReader.kind(mediaType)
                + " has no extractable text (scanned pages would need OCR, which is not done)");
          }
        } else {
          TextDecoder.Decoded decoded = TextDecoder.decode(in);
          if (decoded.text().isBlank()) {
            throw new DocumentRejected(Reason.EMPTY, "empty: the file holds only whitespace");
          }
          if (decoded.text().length() > settings.maxTextChars()) {
            throw tooMuchText(decoded.text().length());
          }
          if (decoded.legacyEncoding()) {
            flags.add("legacy-encoding");
          }
          extracted = mediaType.equals(ContentTypes.MARKDOWN)
              ? MarkdownReader.read(decoded.text())
              : PlainTextReader.read(decoded.text());
        }
        return analyse(fileName, mediaType, extracted, flags);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  DocumentRejected tooMuchText(long chars) {
    return new DocumentRejected(Reason.TOO_MUCH_TEXT, "too much text for one paper: " + chars
        + " characters once extracted, the limit is " + settings.maxTextChars() + "; split the document");
  }

  private ParsedDocument analyse(String fileName, String mediaType, Extracted extracted, List<String> flags) {
    DocumentText document = extracted.document();
    if (document.blocks().isEmpty()) {
      throw new DocumentRejected(Reason.NO_TEXT, "no text: the file has metadata but no content");
    }
    String text = document.text();
    SectionPaths paths = new SectionPaths(document.headings());
    List<List<Block>> sections = sections(document);
    List<Chunk> chunks = new ArrayList<>();
    for (List<Block> section : sections) {
      for (Chunker.Span span : chunker.chunk(text, section)) {
        chunks.add(new Chunk(paths.at(span.anchor()), span.start(), span.end(), span.tokens()));
      }
    }
    if (PromptInjection.present(text)) {
      flags.add(PromptInjection.FLAG);
    }
    return new ParsedDocument(mediaType, text,
        title(extracted.metadataTitle(), document, fileName, mediaType.equals(ContentTypes.MARKDOWN)),
        extracted.authors(), abstractText(document), LanguageGuesser.guess(document), flags, sections.size(), chunks,
        QaMiner.mine(document, paths::at));
  }

  private List<List<Block>> sections(DocumentText document) {
    int level = sectionLevel(document.headings());
    String text = document.text();
    List<List<Block>> pieces = new ArrayList<>();
    List<Block> current = new ArrayList<>();
    int h = 0;
    for (Block block : document.blocks()) {
      if (block.kind() == Block.Kind.HEADING) {
        while (h < document.headings().size() && document.headings().get(h).start() < block.start()) {
          h++;
        }
        boolean cut = h < document.headings().size() && document.headings().get(h).level() <= level;
        if (cut && !current.isEmpty()) {
          pieces.add(current);
          current = new ArrayList<>();
        }
      }
      current.add(block);
    }
    if (!current.isEmpty()) {
      pieces.add(current);
    }
    List<List<Block>> merged = new ArrayList<>();
    List<Block> pending = null;
    for (List<Block> piece : pieces) {
      if (pending == null) {
        pending = new ArrayList<>(piece);
      } else {
        pending.addAll(piece);
      }
      if (length(pending) >= settings.minSegmentChars()) {
        merged.add(pending);
        pending = null;
      }
    }
    if (pending != null) {
      if (merged.isEmpty()) {
        merged.add(pending);
      } else {
        merged.get(merged.size() - 1).addAll(pending);
      }
    }
    return merged;
  }

  private static int length(List<Block> blocks) {
    return blocks.get(blocks.size() - 1).end() - blocks.get(0).start();
  }

  private static int sectionLevel(List<Heading> headings) {
    int[] counts = new int[7];
    for (Heading heading : headings) {
      counts[Math.max(1, Math.min(6, heading.level()))]++;
    }
    for (int level = 1; level <= 6; level++) {
      if (counts[level] >= 2) {
        return level;
      }
    }
    return 1;
  }

  /**
   * Markdown keeps the earlier tool's rule: the first H1, except that an H1 that is only a section name gives way to
   * the front matter's title (JOSS papers start their body with "# Summary"). Other formats trust their metadata
   * title unless it is a placeholder ("Microsoft Word - draft.docx"). Then the first heading, then the file name.
   */
  private static String title(String metadataTitle, DocumentText document, String fileName, boolean markdown) {
    String meta = metadataTitle == null || PLACEHOLDER_TITLE.matcher(metadataTitle).matches() ? null : metadataTitle;
    String firstH1 = document.headings().stream().filter(h -> h.level() == 1 && !h.title().isEmpty()).findFirst()
        .map(Heading::title).orElse(null);
    if (markdown && firstH1 != null && (meta == null || !isSectionName(firstH1))) {
      return firstH1;
    }
    if (meta != null) {
      return meta;
    }
    if (firstH1 != null) {
      return firstH1;
    }
    return document.headings().stream().filter(h -> !h.title().isEmpty()).findFirst().map(Heading::title)
        .orElseGet(() -> withoutExtension(fileName));
  }

  private static boolean isSectionName(String heading) {
    return SECTION_NAMES.contains(heading.toLowerCase(Locale.ROOT).replaceAll("^[\\d.\\s]+|[\\s:.]+$", ""));
  }

  private static String withoutExtension(String fileName) {
    String name = fileName == null ? "" : fileName.strip();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return base.isBlank() ? "untitled" : base;
  }

  /** A section named Abstract or Summary; else a paragraph starting "Abstract:"; else the first paragraph. */
  private static String abstractText(DocumentText document) {
    String text = document.text();
    List<Heading> headings = document.headings();
    for (int i = 0; i < headings.size(); i++) {
      Heading heading = headings.get(i);
      if (ABSTRACT_HEADINGS.contains(heading.title().toLowerCase(Locale.ROOT).replaceAll("[\\s:.]+$", ""))) {
        int end = text.length();
        for (int j = i + 1; j < headings.size(); j++) {
          if (headings.get(j).level() <= heading.level()) {
            end = headings.get(j).start();
            break;
          }
        }
        String body = text.substring(heading.end(), end).strip();
        if (!body.isEmpty()) {
          return body;
        }
      }
    }
    Block first = null;
    List<Block> blocks = document.blocks();
    for (int i = 0; i < blocks.size(); i++) {
      Block block = blocks.get(i);
      if (block.kind() != Block.Kind.PARAGRAPH) {
        continue;
      }
      first = first == null ? block : first;
      String paragraph = text.substring(block.start(), block.end());
      Matcher label = ABSTRACT_LABEL.matcher(paragraph);
      if (label.lookingAt()) {
        String rest = paragraph.substring(label.end()).strip();
        if (!rest.isEmpty()) {
          return rest;
        }
        if (i + 1 < blocks.size() && blocks.get(i + 1).kind() == Block.Kind.PARAGRAPH) {
          return text.substring(blocks.get(i + 1).start(), blocks.get(i + 1).end());
        }
      }
    }
    return first == null ? null : text.substring(first.start(), first.end());
  }

  /** The headings above any offset, from the root down, found through each heading's parent. */
  private static final class SectionPaths {
    private final List<Heading> headings;
    private final int[] parent;

    SectionPaths(List<Heading> headings) {
      this.headings = headings;
      this.parent = new int[headings.size()];
      List<Integer> stack = new ArrayList<>();
      for (int i = 0; i < headings.size(); i++) {
        while (!stack.isEmpty() && headings.get(stack.get(stack.size() - 1)).level() >= headings.get(i).level()) {
          stack.remove(stack.size() - 1);
        }
        parent[i] = stack.isEmpty() ? -1 : stack.get(stack.size() - 1);
        stack.add(i);
      }
    }

    List<String> at(int offset) {
      int low = 0;
      int high = headings.size() - 1;
      int found = -1;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        if (headings.get(mid).start() <= offset) {
          found = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      List<String> path = new ArrayList<>();
      for (int i = found; i >= 0; i = parent[i]) {
        path.add(0, headings.get(i).title());
      }
      return path;
    }
  }
}
