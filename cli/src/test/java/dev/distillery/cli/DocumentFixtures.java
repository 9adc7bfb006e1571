package dev.distillery.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * Real documents built from a paper's sections, as users bring them: a PDF (PDFBox), a Word file (POI) and a web
 * page; and the broken files users bring by mistake.
 */
final class DocumentFixtures {
  /** A section of a paper: its heading and its paragraphs. */
  record Section(String heading, List<String> paragraphs) {}

  private DocumentFixtures() {}

  /** The H1 sections of a Markdown paper, front matter, code and images left out. */
  static List<Section> sectionsOf(Path markdown) throws IOException {
    List<Section> sections = new ArrayList<>();
    String heading = null;
    List<String> paragraphs = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    boolean inFence = false;
    boolean inFrontMatter = false;
    for (String line : Files.readAllLines(markdown)) {
      if (line.equals("---") && (inFrontMatter || heading == null && sections.isEmpty() && paragraphs.isEmpty())) {
        inFrontMatter = !inFrontMatter;
        continue;
      }
      if (inFrontMatter) {
        continue;
      }
      if (line.startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (inFence || line.startsWith("![")) {
        continue;
      }
      if (line.startsWith("# ")) {
        flush(paragraph, paragraphs);
        if (heading != null) {
          sections.add(new Section(heading, List.copyOf(paragraphs)));
        }
        heading = line.substring(2).strip();
        paragraphs.clear();
      } else if (line.isBlank()) {
        flush(paragraph, paragraphs);
      } else {
        paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.strip());
      }
    }
    flush(paragraph, paragraphs);
    if (heading != null) {
      sections.add(new Section(heading, List.copyOf(paragraphs)));
    }
    return sections;
  }

  private static void flush(StringBuilder paragraph, List<String> paragraphs) {
    if (!paragraph.isEmpty()) {
      paragraphs.add(paragraph.toString());
      paragraph.setLength(0);
    }
  }

  static byte[] pdf(String title, List<Section> sections) throws IOException {
    PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    List<Object[]> lines = new ArrayList<>();
    lines.add(new Object[] {bold, 16f, title});
    for (Section section : sections) {
      lines.add(new Object[] {bold, 13f, section.heading()});
      for (String paragraph : section.paragraphs()) {
        for (String line : wrap(latin1(paragraph), 95)) {
          lines.add(new Object[] {regular, 10f, line});
        }
        lines.add(new Object[] {regular, 10f, ""});
      }
    }
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDDocumentInformation info = new PDDocumentInformation();
      info.setTitle(title);
      info.setAuthor("Distillery test");
      document.setDocumentInformation(info);
      int index = 0;
      while (index < lines.size()) {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          float y = 740;
          while (index < lines.size() && y > 60) {
            Object[] line = lines.get(index++);
            content.beginText();
            content.setFont((PDType1Font) line[0], (float) line[1]);
            content.newLineAtOffset(60, y);
            content.showText((String) line[2]);
            content.endText();
            y -= (float) line[1] + 4;
          }
        }
      }
      document.save(out);
      return out.toByteArray();
    }
  }

  static byte[] docx(String title, List<Section> sections) throws IOException {
    try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      document.getProperties().getCoreProperties().setTitle(title);
      addParagraph(document, title, true, 20);
      for (Section section : sections) {
        addParagraph(document, section.heading(), true, 14);
        for (String paragraph : section.paragraphs()) {
          addParagraph(document, paragraph, false, 11);
        }
      }
      document.write(out);
      return out.toByteArray();
    }
  }

  private static void addParagraph(XWPFDocument document, String text, boolean bold, int size) {
    XWPFParagraph paragraph = document.createParagraph();
    XWPFRun run = paragraph.createRun();
    run.setBold(bold);
    run.setFontSize(size);
    run.setText(text);
  }

  static byte[] html(String title, List<Section> sections) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
        .append(escape(title)).append("</title><style>h1{color:red}</style></head><body><h1>")
        .append(escape(title)).append("</h1>");
    for (Section section : sections) {
      html.append("<h2>").append(escape(section.heading())).append("</h2>");
      for (String paragraph : section.paragraphs()) {
        html.append("<p>").append(escape(paragraph)).append("</p>");
      }
    }
    return html.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The first bytes of a PNG image: signature and the start of its header chunk. */
  static byte[] png() {
    byte[] bytes = new byte[2048];
    byte[] header = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    System.arraycopy(header, 0, bytes, 0, header.length);
    for (int i = header.length; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    return bytes;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** What the PDF standard fonts can show. */
  private static String latin1(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> out.append(c >= 32 && c < 127 ? (char) c : ' '));
    return out.toString();
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" +")) {
      if (line.length() + word.length() + 1 > width && !line.isEmpty()) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.isEmpty() ? "" : " ").append(word);
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }
}
