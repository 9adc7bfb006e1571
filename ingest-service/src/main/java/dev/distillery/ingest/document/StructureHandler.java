package dev.distillery.ingest.document;

import dev.distillery.ingest.document.DocumentRejected.Reason;
import dev.distillery.ingest.document.DocumentText.Block;
import dev.distillery.ingest.document.DocumentText.Block.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML events into Markdown-like text with its structure: {@code h1}–{@code h6} become {@code #} lines
 * and headings, {@code p} and bare text become paragraphs, {@code li} list items, {@code pre} a fenced block, a table
 * pipe rows. Only character data is ever written, never attributes, so event handlers ({@code onclick=…}) cannot
 * reach the text; {@code script}, {@code style} and the document head are skipped whole.
 *
 * <p>A slide's first line (Tika marks no title on a PowerPoint slide) is a heading when it is short and alone.
 *
 * <p>A PDF's outline (bookmarks), which Tika writes as nested lists after the pages, is not text: its entries are kept
 * apart and, once the document has ended, the paragraphs whose words equal an entry become headings of the entry's
 * depth.
 */
final class StructureHandler extends DefaultHandler {
  private final StringBuilder out = new StringBuilder();
  private final List<Block> blocks = new ArrayList<>();
  private final List<Pending> headings = new ArrayList<>();
  private final List<Outline> outline = new ArrayList<>();
  private final long maxChars;
  private final boolean pdf;

  private StringBuilder current;
  private Kind currentKind;
  private int currentLevel;
  private int skipDepth;
  private int preDepth;
  private int listDepth;
  private int tableDepth;
  private List<List<String>> rows;
  private List<String> row;
  private StringBuilder cell;
  private boolean afterPages;
  private boolean slideTitlePending;
  private int outlineDepth;
  private StringBuilder outlineEntry;

  StructureHandler(long maxChars, boolean pdf) {
    this.maxChars = maxChars;
    this.pdf = pdf;
  }

  private record Pending(int level, String title, int blockIndex) {}

  private record Outline(int level, String title) {}

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes) {
    String name = (localName == null || localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
    if (skipDepth > 0 || name.equals("head") || name.equals("script") || name.equals("style")
        || name.equals("noscript") || name.equals("template")
        || (name.equals("div") && "slide-master-content".equals(attributes.getValue("class")))) {
      skipDepth++;
      return;
    }
    if (pdf && afterPages && (name.equals("ul") || name.equals("ol"))) {
      outlineDepth++;
      return;
    }
    if (outlineDepth > 0) {
      if (name.equals("li")) {
        outlineEntry = new StringBuilder();
      }
      return;
    }
    if (tableDepth > 0) {
      switch (name) {
        case "table" -> tableDepth++;
        case "tr" -> row = new ArrayList<>();
        case "td", "th" -> cell = new StringBuilder();
        default -> { }
      }
      return;
    }
    switch (name) {
      case "h1", "h2", "h3", "h4", "h5", "h6" -> open(Kind.HEADING, name.charAt(1) - '0');
      case "p", "blockquote", "dt", "dd", "figcaption", "caption", "address" -> open(Kind.PARAGRAPH, 0);
      case "li" -> {
        open(Kind.LIST_ITEM, 0);
        current.append("- ");
      }
      case "ul", "ol" -> {
        flush();
        listDepth++;
      }
      case "pre" -> {
        open(Kind.CODE, 0);
        preDepth++;
      }
      case "table" -> {
        flush();
        tableDepth = 1;
        rows = new ArrayList<>();
      }
      case "br" -> {
        if (current != null) {
          current.append('\n');
        }
      }
      case "div" -> {
        if (pdf && "page".equals(attributes.getValue("class"))) {
          afterPages = false;
        }
        flush();
        slideTitlePending = "slide-content".equals(attributes.getValue("class"));
      }
      case "body", "section", "article", "header", "footer", "main", "nav", "aside", "hr" -> flush();
      default -> { }
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) {
    String name = (localName == null || localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (outlineDepth > 0) {
      if (name.equals("li") && outlineEntry != null) {
        String title = normalise(outlineEntry.toString());
        if (!title.isEmpty()) {
          outline.add(new Outline(outlineDepth, title));
        }
        outlineEntry = null;
      } else if (name.equals("ul") || name.equals("ol")) {
        outlineDepth--;
      }
      return;
    }
    if (tableDepth > 0) {
      switch (name) {
        case "table" -> {
          tableDepth--;
          if (tableDepth == 0) {
            emitTable();
          }
        }
        case "tr" -> {
          if (row != null && !row.isEmpty() && tableDepth == 1) {
            rows.add(row);
          }
          row = null;
        }
        case "td", "th" -> {
          if (cell != null && row != null) {
            row.add(normalise(cell.toString()).replace('\n', ' ').replace("|", "\\|"));
          }
          cell = null;
        }
        default -> { }
      }
      return;
    }
    switch (name) {
      case "h1", "h2", "h3", "h4", "h5", "h6", "p", "blockquote", "dt", "dd", "figcaption", "caption", "address",
          "li" -> flush();
      case "pre" -> {
        preDepth = Math.max(0, preDepth - 1);
        flush();
      }
      case "ul", "ol" -> {
        flush();
        listDepth = Math.max(0, listDepth - 1);
      }
      case "div" -> {
        flush();
        if (pdf && listDepth == 0) {
          afterPages = true;
        }
      }
      case "body", "section", "article" -> flush();
      default -> { }
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    if (skipDepth > 0) {
      return;
    }
    if (outlineDepth > 0) {
      if (outlineEntry != null) {
        outlineEntry.append(ch, start, length);
      }
      return;
    }
    if (tableDepth > 0) {
      if (cell != null) {
        cell.append(ch, start, length);
      }
      return;
    }
    if (current == null) {
      if (isWhitespace(ch, start, length)) {
        return;
      }
      open(Kind.PARAGRAPH, 0);
    }
    current.append(ch, start, length);
    if (out.length() + current.length() > maxChars) {
      throw new SAXException(new DocumentRejected(Reason.TOO_MUCH_TEXT,
          "too much text for one paper: more than " + maxChars + " characters once extracted; split the document"));
    }
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) {
    // Tika writes the line breaks inside a PDF paragraph as ignorable whitespace: they still separate words
    if (current != null) {
      current.append(ch, start, length);
    }
  }

  /** The text and structure; call after the parse ended. */
  DocumentText result() {
    flush();
    List<DocumentText.Heading> found = new ArrayList<>();
    List<Block> finalBlocks = new ArrayList<>(blocks);
    for (Pending heading : headings) {
      found.add(heading(heading.level(), heading.title(), blocks.get(heading.blockIndex())));
    }
    if (found.isEmpty() && !outline.isEmpty()) {
      headingsFromOutline(found, finalBlocks);
    }
    return new DocumentText(out.toString(), found, finalBlocks);
  }

  private void headingsFromOutline(List<DocumentText.Heading> found, List<Block> finalBlocks) {
    int from = 0;
    for (Outline entry : outline) {
      String wanted = comparable(entry.title());
      for (int i = from; i < finalBlocks.size(); i++) {
        Block block = finalBlocks.get(i);
        if (block.kind() == Kind.PARAGRAPH && block.end() - block.start() <= entry.title().length() * 2 + 8
            && comparable(out.substring(block.start(), block.end())).equals(wanted)) {
          Block heading = new Block(Kind.HEADING, block.start(), block.end());
          finalBlocks.set(i, heading);
          found.add(new DocumentText.Heading(Math.min(6, entry.level()), entry.title(), block.start(), block.end(),
              block.start(), block.end()));
          from = i + 1;
          break;
        }
      }
    }
  }

  private static String comparable(String text) {
    return text.replaceAll("[\\s\\p{Punct}]+", " ").strip().toLowerCase(Locale.ROOT);
  }

  private DocumentText.Heading heading(int level, String title, Block block) {
    return new DocumentText.Heading(level, title, block.start(), block.end(), block.start() + level + 1, block.end());
  }

  private void open(Kind kind, int level) {
    flush();
    current = new StringBuilder();
    currentKind = kind;
    currentLevel = level;
  }

  private void flush() {
    if (current == null) {
      return;
    }
    StringBuilder text = current;
    Kind kind = currentKind;
    current = null;
    if (kind == Kind.CODE) {
      String code = strip(text.toString());
      if (!code.isEmpty()) {
        String fence = code.contains("```") ? "~~~~" : "```";
        emit(Kind.CODE, fence + "\n" + code + "\n" + fence, 0, null);
      }
      return;
    }
    String words = normalise(text.toString());
    if (kind == Kind.LIST_ITEM && words.equals("-")) {
      return;
    }
    if (words.isEmpty()) {
      return;
    }
    boolean slideTitle = slideTitlePending && kind == Kind.PARAGRAPH && words.indexOf('\n') < 0
        && words.length() <= 200;
    slideTitlePending = false;
    if (slideTitle) {
      currentLevel = 1;
    }
    if (kind == Kind.HEADING || slideTitle) {
      String title = words.replace('\n', ' ');
      emit(Kind.HEADING, "#".repeat(currentLevel) + " " + title, currentLevel, title);
    } else {
      emit(kind, words, 0, null);
    }
  }

  private void emitTable() {
    List<List<String>> table = rows;
    rows = null;
    if (table == null || table.isEmpty()) {
      return;
    }
    int columns = table.stream().mapToInt(List::size).max().orElse(0);
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < table.size(); r++) {
      text.append('|');
      for (int c = 0; c < columns; c++) {
        List<String> cells = table.get(r);
        text.append(' ').append(c < cells.size() ? cells.get(c) : "").append(" |");
      }
      if (r == 0) {
        text.append("\n|").append(" --- |".repeat(columns));
      }
      if (r < table.size() - 1) {
        text.append('\n');
      }
    }
    if (!text.toString().replaceAll("[|\\s-]", "").isEmpty()) {
      emit(Kind.TABLE, text.toString(), 0, null);
    }
  }

  private void emit(Kind kind, String text, int level, String title) {
    if (out.length() > 0) {
      out.append("\n\n");
    }
    int start = out.length();
    out.append(text);
    blocks.add(new Block(kind, start, out.length()));
    if (kind == Kind.HEADING) {
      headings.add(new Pending(level, title, blocks.size() - 1));
    }
  }

  /** Runs of spaces become one space, runs with a line break one line break; no blank lines inside a block. */
  private static String normalise(String text) {
    StringBuilder s = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00A0') {
        boolean newline = false;
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\u00A0')) {
          newline |= text.charAt(i) == '\n';
          i++;
        }
        s.append(newline ? '\n' : ' ');
      } else {
        s.append(c);
        i++;
      }
    }
    return s.toString().strip();
  }

  private static String strip(String code) {
    String trimmed = code.replaceAll("^(\\s*\\n)+", "");
    return trimmed.stripTrailing();
  }

  private static boolean isWhitespace(char[] ch, int start, int length) {
    for (int i = start; i < start + length; i++) {
      if (!Character.isWhitespace(ch[i])) {
        return false;
      }
    }
    return true;
  }
}
