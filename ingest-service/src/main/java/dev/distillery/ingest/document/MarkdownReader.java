package dev.distillery.ingest.document;

import dev.distillery.ingest.document.DocumentText.Block;
import dev.distillery.ingest.document.DocumentText.Block.Kind;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.front.matter.YamlFrontMatterBlock;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Markdown through a CommonMark parser (GFM tables, YAML front matter): structure comes from the syntax tree, so a
 * {@code # comment} inside a code fence is code, a setext {@code Title\n===} is a heading, and a table or a fence is
 * one block. The text is the source itself, so every block is cut from it verbatim. Display math ({@code $$ … $$})
 * that CommonMark sees as several paragraphs is joined into one block, so no chunk boundary falls inside it.
 */
final class MarkdownReader {
  private static final Parser PARSER = Parser.builder()
      .extensions(List.of(TablesExtension.create(), YamlFrontMatterExtension.create()))
      .includeSourceSpans(IncludeSourceSpans.BLOCKS)
      .build();

  private MarkdownReader() {}

  /** @param text normalised: LF line ends, no BOM */
  static Extracted read(String text) {
    Node document = PARSER.parse(text);
    List<Block> blocks = new ArrayList<>();
    List<DocumentText.Heading> headings = new ArrayList<>();
    FrontMatter frontMatter = FrontMatter.NONE;
    for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
      if (node instanceof YamlFrontMatterBlock) {
        frontMatter = FrontMatter.parse(text, start(node), end(node));
      } else {
        collect(text, node, blocks, headings);
      }
    }
    return new Extracted(
        new DocumentText(text, headings, joinDisplayMath(text, blocks)), frontMatter.title(), frontMatter.authors());
  }

  private static void collect(String text, Node node, List<Block> blocks, List<DocumentText.Heading> headings) {
    if (node.getSourceSpans().isEmpty()) {
      return;
    }
    if (node instanceof BulletList || node instanceof OrderedList || node instanceof BlockQuote) {
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        collect(text, child, blocks, headings);
      }
      return;
    }
    int start = start(node);
    int end = trimEnd(text, start, end(node));
    if (end <= start) {
      return;
    }
    if (node instanceof Heading heading) {
      int[] content = headingContent(text, start, end);
      headings.add(new DocumentText.Heading(heading.getLevel(), plainText(heading), start, end, content[0], content[1]));
      blocks.add(new Block(Kind.HEADING, start, end));
    } else if (node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock) {
      blocks.add(new Block(Kind.CODE, start, end));
    } else if (node instanceof TableBlock) {
      blocks.add(new Block(Kind.TABLE, start, end));
    } else if (node instanceof Paragraph) {
      blocks.add(new Block(Kind.PARAGRAPH, start, end));
    } else if (node instanceof ListItem) {
      blocks.add(new Block(Kind.LIST_ITEM, start, end));
    } else {
      blocks.add(new Block(Kind.OTHER, start, end));
    }
  }

  private static int start(Node node) {
    return node.getSourceSpans().get(0).getInputIndex();
  }

  private static int end(Node node) {
    List<SourceSpan> spans = node.getSourceSpans();
    SourceSpan last = spans.get(spans.size() - 1);
    return last.getInputIndex() + last.getLength();
  }

  private static int trimEnd(String text, int start, int end) {
    int e = Math.min(end, text.length());
    while (e > start && Character.isWhitespace(text.charAt(e - 1))) {
      e--;
    }
    return e;
  }

  /** The heading's words without ATX marks ({@code ## x ##}) or a setext underline. */
  private static int[] headingContent(String text, int start, int end) {
    int lineEnd = text.indexOf('\n', start);
    boolean atx = text.charAt(start) == '#' || text.startsWith(" #", start) || text.startsWith("  #", start)
        || text.startsWith("   #", start);
    if (!atx) {
      int contentEnd = lineEnd < 0 || lineEnd > end ? end : lineEnd;
      // a setext heading's words are every line but the underline
      int underline = text.lastIndexOf('\n', end - 1);
      if (underline > start) {
        contentEnd = underline;
      }
      return Boundaries.trim(text, start, contentEnd);
    }
    int s = start;
    while (s < end && text.charAt(s) == ' ') {
      s++;
    }
    while (s < end && text.charAt(s) == '#') {
      s++;
    }
    int e = end;
    int closing = e;
    while (closing > s && text.charAt(closing - 1) == '#') {
      closing--;
    }
    if (closing < e && closing > s && text.charAt(closing - 1) == ' ') {
      e = closing;
    }
    return Boundaries.trim(text, s, e);
  }

  private static List<Block> joinDisplayMath(String text, List<Block> blocks) {
    List<Block> joined = new ArrayList<>(blocks.size());
    Block open = null;
    for (Block block : blocks) {
      if ((block.kind().lineOriented() && block.kind() != Kind.MATH) || block.kind() == Kind.HEADING) {
        if (open != null) {
          joined.add(open);
          open = null;
        }
        joined.add(block);
        continue;
      }
      int marks = countDisplayMathMarks(text, block.start(), block.end());
      if (open != null) {
        open = new Block(Kind.MATH, open.start(), block.end());
        if (marks % 2 == 1) {
          joined.add(open);
          open = null;
        }
      } else if (marks % 2 == 1) {
        open = new Block(Kind.MATH, block.start(), block.end());
      } else {
        joined.add(block);
      }
    }
    if (open != null) {
      joined.add(open);
    }
    return joined;
  }

  /** Occurrences of {@code $$} within [start, end), scanning only that range. */
  private static int countDisplayMathMarks(String text, int start, int end) {
    int n = 0;
    for (int i = start; i + 1 < end; i++) {
      if (text.charAt(i) == '$' && text.charAt(i + 1) == '$') {
        n++;
        i++;
      }
    }
    return n;
  }

  static String plainText(Node node) {
    StringBuilder text = new StringBuilder();
    node.accept(new AbstractVisitor() {
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
}
