package dev.distillery.bench;

import dev.distillery.ingest.document.DocumentParser;
import dev.distillery.ingest.document.ParsedDocument;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * How many MB of Markdown and of PDF the ingest-service's parser turns into a paper per second, on one thread: the
 * whole path a file takes (detection, extraction, sections, token-sized chunks with cl100k_base, Q&amp;A mining,
 * language, flags), in this JVM, no service around it. The Markdown is the sample papers concatenated to
 * {@code --markdown-mb}; the PDF is built with PDFBox from the same text, {@code --pdf-pages} pages of it.
 * Each format is warmed up first, then parsed again and again for {@code --seconds}; the report gives MB/s over wall
 * time and per CPU-second of the parsing thread (the number to trust on a busy machine).
 */
public final class ParseThroughputBench {
  private static final double MB = 1024.0 * 1024.0;

  private ParseThroughputBench() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = BenchMain.options(args);
    double seconds = Double.parseDouble(options.getOrDefault("seconds", "20"));
    int markdownMb = Integer.parseInt(options.getOrDefault("markdown-mb", "4"));
    int pdfPages = Integer.parseInt(options.getOrDefault("pdf-pages", "200"));
    Path samples = samples(options.get("samples"));

    String corpus = corpus(samples);
    Path dir = Files.createTempDirectory("parse-bench-");
    Path markdown = dir.resolve("big.md");
    Files.writeString(markdown, corpus.repeat((int) Math.ceil(markdownMb * MB / corpus.length())));
    Path pdf = dir.resolve("big.pdf");
    Files.write(pdf, pdf(corpus, pdfPages));

    DocumentParser parser = new DocumentParser(new DocumentParser.Settings(1000, 4096, 128, 512L * 1024 * 1024));
    try {
      measure(parser, "markdown", markdown, seconds);
      measure(parser, "pdf", pdf, seconds);
    } finally {
      for (Path file : List.of(markdown, pdf, dir)) {
        Files.deleteIfExists(file);
      }
    }
    System.out.printf("bench: load average (1, 5, 15 min) at the end: %s%n", loadAverage());
  }

  private static void measure(DocumentParser parser, String label, Path file, double seconds) throws IOException {
    long bytes = Files.size(file);
    ParsedDocument first = parser.parse(file.getFileName().toString(), file);
    System.out.printf("bench: %s: %.1f MB file, %d chars of text, %d sections, %d chunks, %d pairs%n", label,
        bytes / MB, first.text().length(), first.sections(), first.chunks().size(), first.pairs().size());
    run(parser, file, seconds / 2);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    int parses = run(parser, file, seconds);
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    double total = parses * bytes / MB;
    System.out.printf("bench: %s: %d parses in %.1f s = %.2f MB/s (wall), %.2f MB per CPU-second%n", label, parses,
        wall, total / wall, total / cpu);
    System.out.printf("RESULT format=%s mb_per_s=%.2f mb_per_cpu_s=%.2f%n", label, total / wall, total / cpu);
  }

  private static int run(DocumentParser parser, Path file, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    int parses = 0;
    do {
      parser.parse(file.getFileName().toString(), file);
      parses++;
    } while (System.nanoTime() < end);
    return parses;
  }

  private static String corpus(Path samples) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.list(samples)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".md") && !f.endsWith("SOURCES.md")).sorted()
          .toList()) {
        text.append(Files.readString(file, StandardCharsets.UTF_8)).append("\n\n");
      }
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("no *.md papers in " + samples);
    }
    return text.toString();
  }

  /** The corpus's prose as PDF pages: Helvetica can only show Latin-1, so other characters become spaces. */
  private static byte[] pdf(String corpus, int pages) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String paragraph : corpus.split("\n\\s*\n")) {
      String clean = paragraph.replaceAll("[^\\x20-\\x7E\\xA0-\\xFF]", " ").replaceAll("\\s+", " ").strip();
      StringBuilder line = new StringBuilder();
      for (String word : clean.split(" ")) {
        if (line.length() + word.length() > 90) {
          lines.add(line.toString());
          line.setLength(0);
        }
        line.append(word).append(' ');
      }
      lines.add(line.toString());
      lines.add("");
    }
    try (PDDocument document = new PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      int next = 0;
      for (int p = 0; p < pages; p++) {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.setFont(font, 10);
          for (float y = 750; y > 50; y -= 13) {
            String line = lines.get(next++ % lines.size());
            if (!line.isBlank()) {
              content.beginText();
              content.newLineAtOffset(50, y);
              content.showText(line.strip());
              content.endText();
            }
          }
        }
      }
      document.save(out);
      return out.toByteArray();
    }
  }

  private static Path samples(String option) {
    if (option != null) {
      return Path.of(option).toAbsolutePath();
    }
    for (Path base : List.of(Path.of(""), Path.of(".."))) {
      Path candidate = base.resolve("samples/papers").toAbsolutePath().normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("samples/papers not found: run from the repository or pass --samples=DIR");
  }

  private static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"), 3));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
