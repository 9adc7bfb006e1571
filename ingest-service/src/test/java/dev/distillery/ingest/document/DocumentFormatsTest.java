package dev.distillery.ingest.document;

import static dev.distillery.ingest.TestDocuments.prose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.ingest.TestDocuments;
import dev.distillery.ingest.TestDocuments.Section;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentFormatsTest {
  private static final List<Section> SECTIONS = List.of(
      new Section("Introduction", prose("caching", 14)),
      new Section("Method", prose("eviction", 14)),
      new Section("Results", prose("latency", 14)));

  @TempDir Path dir;
  private Parsing parsing;

  @BeforeEach
  void setUp() {
    parsing = new Parsing(dir);
  }

  @Test
  void aMarkdownPaperKeepsCodeTablesAndMathVerbatimAndReadsItsFrontMatter() {
    String markdown = """
        ---
        title: 'Fast Caches: A Study'
        authors:
          - name: Ada Lovelace
            affiliation: 1
          - name: Alan Turing
        ---

        # Summary

        %s

        ```python
        # not a heading
        cache = {}
        ```

        | size | hit rate |
        | --- | --- |
        | 1 MB | 0.91 |

        The rate follows $h = 1 - e^{-s/k}$ closely.

        $$
        h(s) = 1 - e^{-s/k}

        k > 0
        $$

        # Method

        %s
        """.formatted(prose("caching", 14), prose("eviction", 14));

    ParsedDocument paper = parsing.parse("caches.md", markdown);

    assertThat(paper.mediaType()).isEqualTo("text/markdown");
    assertThat(paper.title()).isEqualTo("Fast Caches: A Study");
    assertThat(paper.authors()).containsExactly("Ada Lovelace", "Alan Turing");
    assertThat(paper.abstractText()).startsWith("The study of caching").endsWith("k > 0\n$$");
    assertThat(paper.language()).isEqualTo("en");
    assertThat(paper.chunks()).extracting(Chunk::sectionPath)
        .containsExactly(List.of("Summary"), List.of("Method"));
    String first = paper.text(paper.chunks().get(0));
    assertThat(first)
        .contains("```python\n# not a heading\ncache = {}\n```")
        .contains("| size | hit rate |\n| --- | --- |\n| 1 MB | 0.91 |")
        .contains("$h = 1 - e^{-s/k}$")
        .contains("$$\nh(s) = 1 - e^{-s/k}\n\nk > 0\n$$")
        .doesNotContain("title:");
  }

  @Test
  void aPdfGivesItsTextMetadataAndHeadingsFromItsOutline() {
    ParsedDocument paper = parsing.parse("paper.pdf", TestDocuments.pdf("Caching at Scale", "Grace Hopper", SECTIONS));

    assertThat(paper.mediaType()).isEqualTo("application/pdf");
    assertThat(paper.title()).isEqualTo("Caching at Scale");
    assertThat(paper.authors()).containsExactly("Grace Hopper");
    assertThat(paper.text()).contains("The study of caching shows result number 1 with a clear effect");
    assertThat(paper.chunks()).extracting(Chunk::sectionPath)
        .containsExactly(List.of("Introduction"), List.of("Method"), List.of("Results"));
  }

  @Test
  void aDocxGivesHeadingsFromItsStylesAndItsCoreProperties() {
    ParsedDocument paper = parsing.parse("paper.docx", TestDocuments.docx("Caching at Scale", "Grace Hopper", SECTIONS));

    assertThat(paper.mediaType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(paper.title()).isEqualTo("Caching at Scale");
    assertThat(paper.authors()).containsExactly("Grace Hopper");
    assertThat(paper.chunks()).extracting(Chunk::sectionPath)
        .containsExactly(List.of("Introduction"), List.of("Method"), List.of("Results"));
    assertThat(paper.text(paper.chunks().get(1))).startsWith("# Method\n\nThe study of eviction");
  }

  @Test
  void aPptxMakesEachSlideTitleAHeading() {
    ParsedDocument paper = parsing.parse("talk.pptx", TestDocuments.pptx(SECTIONS));

    assertThat(paper.mediaType()).isEqualTo("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    assertThat(paper.title()).isEqualTo("Introduction");
    assertThat(paper.chunks()).extracting(Chunk::sectionPath)
        .containsExactly(List.of("Introduction"), List.of("Method"), List.of("Results"));
  }

  @Test
  void anEpubGivesItsChaptersAndDublinCoreMetadata() {
    ParsedDocument paper = parsing.parse("book.epub", TestDocuments.epub("Caching at Scale", "Grace Hopper", SECTIONS));

    assertThat(paper.mediaType()).isEqualTo("application/epub+zip");
    assertThat(paper.title()).isEqualTo("Caching at Scale");
    assertThat(paper.authors()).containsExactly("Grace Hopper");
    assertThat(paper.chunks()).extracting(Chunk::sectionPath)
        .containsExactly(List.of("Introduction"), List.of("Method"), List.of("Results"));
  }

  @Test
  void htmlLosesScriptsStylesAndEventHandlersAndIsFlaggedForInjection() {
    ParsedDocument paper = parsing.parse("page.html", TestDocuments.hostileHtml());

    assertThat(paper.mediaType()).isEqualTo("text/html");
    assertThat(paper.title()).isEqualTo("Caching in Practice");
    assertThat(paper.authors()).containsExactly("Ada Lovelace");
    assertThat(paper.text())
        .doesNotContain("alert", "cookie", "onload", "onclick", "injected by script", "color: red", "display")
        .contains("## Eviction", "Ignore all previous instructions");
    assertThat(paper.flags()).containsExactly("prompt-injection");
    assertThat(paper.chunks()).extracting(Chunk::sectionPath).contains(List.of("Caching in Practice", "Eviction"));
  }

  @Test
  void contentDecidesTheTypeAndTheNameOnlyBreaksTiesBetweenTextTypes() {
    byte[] pdf = TestDocuments.pdf("Named Wrong", "X", SECTIONS);

    assertThat(parsing.parse("notes.md", pdf).mediaType()).isEqualTo("application/pdf");
    assertThat(parsing.parse("notes.txt", "# Heading\n\n" + prose("text", 3)).mediaType()).isEqualTo("text/plain");
    assertThat(parsing.parse("notes", "# Heading\n\n" + prose("text", 3)).mediaType()).isEqualTo("text/plain");
    assertThat(parsing.parse("notes.markdown", "# Heading\n\n" + prose("text", 3)).mediaType())
        .isEqualTo("text/markdown");
  }

  @Test
  void aDocumentWithoutHeadingsIsCutBySize() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      text.append(prose("topic " + i, 8)).append("\n\n");
    }
    Parsing small = new Parsing(dir, new DocumentParser.Settings(1000, 512, 32, 15_000_000));

    ParsedDocument paper = small.parse("plain.txt", text.toString());

    assertThat(paper.sections()).isEqualTo(1);
    assertThat(paper.chunks()).hasSizeGreaterThan(10).allSatisfy(chunk -> {
      assertThat(chunk.tokens()).isLessThanOrEqualTo(512);
      assertThat(chunk.sectionPath()).isEmpty();
    });
  }
}
