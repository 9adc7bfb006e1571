package dev.distillery.ingest.service;

import dev.distillery.ingest.service.ParsedPaper.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Turns a Markdown paper into a title, an abstract and segments. Pure and thread-safe.
 *
 * <p>Headings are found by a CommonMark parser, not by matching lines, so a {@code # comment} inside a code fence
 * is code, {@code #Title} is a paragraph, and a setext {@code Title\n===} is an H1. Segment text is cut from the
 * source by line, so it stays verbatim: code fences, sub-headings and all.
 *
 * <p>The title is the first H1, else the front matter's {@code title:}, else the first heading of any level, else
 * the file name — as users of the earlier tool expect. One refinement: an H1 that is only a section name
 * ({@code # Summary}, {@code # Introduction}, …) is not taken for the title while the front matter has one,
 * because journal templates (JOSS and others) put the real title there and start their body with a section.
 */
public final class MarkdownPaperParser {
  /** "Abstract", "**Abstract**", "Abstract:", "**Abstract.**", "Abstract —" at the start of a paragraph. */
  private static final Pattern ABSTRACT_LABEL =
      Pattern.compile("(?i)^[*_]{0,2}abstract\\s*[:.\u2014\u2013-]?[*_]{0,2}(?![\\p{L}\\p{N}])[\\s:.\u2014\u2013-]*");
  private static final Set<String> ABSTRACT_HEADINGS = Set.of("abstract", "summary");
  private static final Set<String> SECTION_NAMES =
      Set.of("abstract", "summary", "introduction", "background", "overview", "statement of need", "motivation",
          "preface", "contents", "table of contents");

  private final Parser parser = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
  private final int minSegmentChars;

  /** @param minSegmentChars segments shorter than this are merged into a neighbour */
  public MarkdownPaperParser(int minSegmentChars) {
    if (minSegmentChars < 0) {
      throw new IllegalArgumentException("minSegmentChars must not be negative, was " + minSegmentChars);
    }
    this.minSegmentChars = minSegmentChars;
  }

  /**
   * @param fileName the uploaded file's name, the title of last resort
   * @param markdown the paper; a BOM and CR or CRLF line ends are accepted
   */
  public ParsedPaper parse(String fileName, String markdown) {
    FrontMatter frontMatter = FrontMatter.split(normalise(markdown));
    Lines lines = new Lines(frontMatter.body());
    List<Block> blocks = topLevelBlocks(parser.parse(frontMatter.body()));
    return new ParsedPaper(
        title(frontMatter.title(), blocks, fileName), abstractText(blocks, lines), segments(blocks, lines));
  }

  private static String normalise(String markdown) {
    String text = markdown.startsWith("\uFEFF") ? markdown.substring(1) : markdown;
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static List<Block> topLevelBlocks(Node document) {
    List<Block> blocks = new ArrayList<>();
    for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
      List<SourceSpan> spans = node.getSourceSpans();
      if (spans.isEmpty()) {
        continue;
      }
      int first = spans.get(0).getLineIndex();
      int last = spans.get(spans.size() - 1).getLineIndex();
      if (node instanceof Heading heading) {
        blocks.add(new Block(node, first, last, heading.getLevel(), plainText(heading)));
      } else {
        blocks.add(new Block(node, first, last, 0, null));
      }
    }
    return blocks;
  }

  private static String title(String frontMatterTitle, List<Block> blocks, String fileName) {
    Optional<String> firstH1 =
        blocks.stream().filter(b -> b.level() == 1 && !b.headingText().isEmpty()).findFirst().map(Block::headingText);
    if (firstH1.isPresent() && (frontMatterTitle == null || !isSectionName(firstH1.get()))) {
      return firstH1.get();
    }
    if (frontMatterTitle != null) {
      return frontMatterTitle;
    }
    return blocks.stream()
        .filter(b -> b.level() > 0 && !b.headingText().isEmpty())
        .findFirst()
        .map(Block::headingText)
        .orElseGet(() -> withoutExtension(fileName));
  }

  private static boolean isSectionName(String heading) {
    String name = heading.toLowerCase(Locale.ROOT).replaceAll("^[\\d.\\s]+|[\\s:.]+$", "");
    return SECTION_NAMES.contains(name);
  }

  private static String withoutExtension(String fileName) {
    String name = fileName == null ? "" : fileName.strip();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return base.isBlank() ? "untitled" : base;
  }

  private static String abstractText(List<Block> blocks, Lines lines) {
    for (int i = 0; i < blocks.size(); i++) {
      Block block = blocks.get(i);
      if (block.level() > 0 && ABSTRACT_HEADINGS.contains(label(block.headingText()))) {
        int end = lines.count();
        for (int j = i + 1; j < blocks.size(); j++) {
          if (blocks.get(j).level() > 0 && blocks.get(j).level() <= block.level()) {
            end = blocks.get(j).firstLine();
            break;
          }
        }
        String text = lines.slice(block.lastLine() + 1, end);
        if (!text.isEmpty()) {
          return text;
        }
      }
    }
    for (int i = 0; i < blocks.size(); i++) {
      Block block = blocks.get(i);
      if (!(block.node() instanceof Paragraph)) {
        continue;
      }
      String paragraph = lines.slice(block.firstLine(), block.lastLine() + 1);
      Matcher label = ABSTRACT_LABEL.matcher(paragraph);
      if (!label.lookingAt()) {
        continue;
      }
      String rest = paragraph.substring(label.end()).strip();
      if (!rest.isEmpty()) {
        return rest;
      }
      // a label alone ("**Abstract**") heads the paragraph that follows it
      if (i + 1 < blocks.size() && blocks.get(i + 1).node() instanceof Paragraph) {
        return lines.slice(blocks.get(i + 1).firstLine(), blocks.get(i + 1).lastLine() + 1);
      }
    }
    return null;
  }

  private static String label(String headingText) {
    return headingText.toLowerCase(Locale.ROOT).replaceAll("[\\s:.]+$", "");
  }

  private List<Section> segments(List<Block> blocks, Lines lines) {
    List<Piece> pieces = new ArrayList<>();
    int from = 0;
    String heading = null;
    for (Block block : blocks) {
      if (block.level() == 1) {
        pieces.add(new Piece(heading, from, block.firstLine()));
        from = block.firstLine();
        heading = block.headingText().isEmpty() ? null : block.headingText();
      }
    }
    pieces.add(new Piece(heading, from, lines.count()));
    pieces.removeIf(piece -> lines.slice(piece.from(), piece.to()).isEmpty());

    List<Piece> merged = new ArrayList<>();
    Piece pending = null;
    for (Piece piece : pieces) {
      pending = pending == null ? piece : pending.extendedTo(piece);
      if (lines.slice(pending.from(), pending.to()).length() >= minSegmentChars) {
        merged.add(pending);
        pending = null;
      }
    }
    if (pending != null) {
      if (merged.isEmpty()) {
        merged.add(pending);
      } else {
        merged.set(merged.size() - 1, merged.get(merged.size() - 1).extendedTo(pending));
      }
    }
    return merged.stream().map(p -> new Section(p.heading(), lines.slice(p.from(), p.to()))).toList();
  }

  private static String plainText(Node node) {
    StringBuilder text = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text t) {
            text.append(t.getLiteral());
          }

          @Override
          public void visit(Code code) {
            text.append(code.getLiteral());
          }

          @Override
          public void visit(SoftLineBreak lineBreak) {
            text.append(' ');
          }

          @Override
          public void visit(HardLineBreak lineBreak) {
            text.append(' ');
          }
        });
    return text.toString().replaceAll("\\s+", " ").strip();
  }

  /** A top-level block and the source lines it spans; level 0 for anything but a heading. */
  private record Block(Node node, int firstLine, int lastLine, int level, String headingText) {}

  /** Source lines [from, to) that become one segment. */
  private record Piece(String heading, int from, int to) {
    Piece extendedTo(Piece next) {
      return new Piece(heading != null ? heading : next.heading(), from, next.to());
    }
  }

  /** The body's lines, sliced back into text without surrounding blank lines. */
  private static final class Lines {
    private final String[] lines;

    Lines(String body) {
      lines = body.split("\n", -1);
    }

    int count() {
      return lines.length;
    }

    String slice(int from, int to) {
      int start = Math.max(0, from);
      int end = Math.min(lines.length, to);
      while (start < end && lines[start].isBlank()) {
        start++;
      }
      if (start >= end) {
        return "";
      }
      return String.join("\n", Arrays.asList(lines).subList(start, end)).stripTrailing();
    }
  }
}
