package dev.distillery.ingest.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over many random documents — prose, code, tables, math, long words, headings at random levels, sizes from a line
 * to many budgets — every chunk stays within the token budget, is cut verbatim from the text at its offsets, and
 * together the chunks leave no word of the document out.
 */
class ChunkingPropertyTest {
  private static final int BUDGET = 96;
  private static final int OVERLAP = 16;
  private static final String[] WORDS = {"cache", "latency", "the", "a", "of", "model", "token", "Überprüfung",
      "数据", "x²", "naïve", "e=mc²", "😀", "throughput", "(see", "Fig.", "3)", "and", "or", "vector"};

  @TempDir Path dir;

  @Test
  void everyChunkFitsTheBudgetIsVerbatimAndTheChunksCoverTheText() {
    Parsing parsing = new Parsing(dir, new DocumentParser.Settings(200, BUDGET, OVERLAP, 15_000_000));
    Random random = new Random(20261123);
    for (int run = 0; run < 80; run++) {
      String markdown = document(random);
      boolean markdownFile = random.nextBoolean();
      ParsedDocument paper = parsing.parse(markdownFile ? "doc.md" : "doc.txt", markdown);

      int covered = 0;
      for (Chunk chunk : paper.chunks()) {
        String text = paper.text(chunk);
        assertThat(chunk.tokens()).as("run %d: %s", run, text).isLessThanOrEqualTo(BUDGET).isPositive();
        assertThat(text).isEqualTo(paper.text().substring(chunk.start(), chunk.end())).isNotBlank();
        if (chunk.start() > covered) {
          assertThat(paper.text().substring(covered, chunk.start())).as("run %d: a gap between chunks", run).isBlank();
        }
        covered = Math.max(covered, chunk.end());
      }
      String rest = paper.text().substring(covered);
      assertThat(rest.isBlank() || rest.strip().equals("```")).as("run %d: text after the last chunk: %s", run, rest)
          .isTrue();
    }
  }

  private static String document(Random random) {
    StringBuilder text = new StringBuilder();
    int blocks = 1 + random.nextInt(40);
    for (int b = 0; b < blocks; b++) {
      switch (random.nextInt(8)) {
        case 0 -> text.append("#".repeat(1 + random.nextInt(3))).append(' ').append(words(random, 1 + random.nextInt(5)));
        case 1 -> {
          text.append("```\n");
          for (int l = random.nextInt(60); l >= 0; l--) {
            text.append("value_").append(l).append(" = compute(").append(words(random, random.nextInt(6))).append(")\n");
          }
          text.append("```");
        }
        case 2 -> {
          text.append("| a | b |\n| --- | --- |\n");
          for (int r = random.nextInt(40); r >= 0; r--) {
            text.append("| ").append(words(random, 3)).append(" | ").append(r).append(" |\n");
          }
        }
        case 3 -> text.append("$$\n").append(words(random, 20 + random.nextInt(200))).append("\n$$");
        case 4 -> text.append("x".repeat(50 + random.nextInt(600)));
        default -> {
          int sentences = 1 + random.nextInt(random.nextBoolean() ? 5 : 80);
          for (int s = 0; s < sentences; s++) {
            text.append(Character.toUpperCase('a')).append(words(random, 3 + random.nextInt(30))).append(". ");
          }
        }
      }
      text.append("\n\n");
    }
    return text.toString();
  }

  private static String words(Random random, int count) {
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        words.append(' ');
      }
      words.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return words.toString();
  }
}
