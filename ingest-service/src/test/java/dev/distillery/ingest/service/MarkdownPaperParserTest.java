package dev.distillery.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.ingest.service.ParsedPaper.Section;
import org.junit.jupiter.api.Test;

class MarkdownPaperParserTest {
  /** Small enough that the short sections of these tests stay apart unless a test asks otherwise. */
  private final MarkdownPaperParser parser = new MarkdownPaperParser(20);

  private static String words(int chars) {
    return "lorem ipsum ".repeat(chars / 12 + 1).substring(0, chars).strip();
  }

  @Test
  void hashInsideCodeFenceIsCodeNotAHeading() {
    String markdown =
        """
        # Method
        We load the data like this:
        ```python
        # Read spectra from a file
        spectra = load("all.mgf")
        ```
        # Results
        It works well enough for everyone.
        """;

    ParsedPaper paper = parser.parse("paper.md", markdown);

    assertThat(paper.segments()).extracting(Section::heading).containsExactly("Method", "Results");
    assertThat(paper.segments().get(0).text())
        .contains("```python\n# Read spectra from a file\nspectra = load(\"all.mgf\")\n```");
  }

  @Test
  void frontMatterGivesTheTitleAndLeavesTheText() {
    String markdown =
        """
        ---
        title: 'Augmenty: It''s a Library for Text Augmentation'
        tags:
          - Python
        affiliation: "1, 2" # (Multiple affiliations must be quoted)
        ---

        # Summary
        Augmentation is useful for training and evaluating models.
        """;

    ParsedPaper paper = parser.parse("augmenty.md", markdown);

    assertThat(paper.title()).isEqualTo("Augmenty: It's a Library for Text Augmentation");
    assertThat(paper.abstractText()).isEqualTo("Augmentation is useful for training and evaluating models.");
    assertThat(paper.segments()).hasSize(1);
    assertThat(paper.segments().get(0).text())
        .startsWith("# Summary")
        .doesNotContain("title:", "tags:", "---");
  }

  @Test
  void shortSegmentsMergeIntoTheNextOneAndTheLastIntoThePreviousOne() {
    MarkdownPaperParser thousand = new MarkdownPaperParser(1000);
    String markdown =
        "Preamble note.\n\n# Intro\nshort\n\n# Method\n" + words(1200) + "\n\n# Results\n" + words(1100)
            + "\n\n# References\n[1] A. Author.\n";

    ParsedPaper paper = thousand.parse("paper.md", markdown);

    assertThat(paper.segments()).extracting(Section::heading).containsExactly("Intro", "Results");
    Section first = paper.segments().get(0);
    assertThat(first.text()).startsWith("Preamble note.\n\n# Intro\nshort\n\n# Method\n");
    Section last = paper.segments().get(1);
    assertThat(last.text()).startsWith("# Results\n").endsWith("# References\n[1] A. Author.");
    assertThat(paper.segments()).allSatisfy(s -> assertThat(s.text().length()).isGreaterThanOrEqualTo(1000));
  }

  @Test
  void subHeadingsStayInsideTheirH1Segment() {
    String markdown =
        """
        # Method
        Overview of the method.
        ## Data
        Where the data comes from.
        ### Cleaning
        How it was cleaned.
        # Results
        What came out of it all.
        """;

    ParsedPaper paper = parser.parse("paper.md", markdown);

    assertThat(paper.segments()).hasSize(2);
    assertThat(paper.segments().get(0).text())
        .isEqualTo(
            "# Method\nOverview of the method.\n## Data\nWhere the data comes from.\n"
                + "### Cleaning\nHow it was cleaned.");
  }

  @Test
  void withoutAnyH1TheTitleIsTheFirstHeadingAndTheWholeTextIsOneSegment() {
    String markdown = "Intro text before anything.\n\n## Background\nSome background.\n\n### Details\nMore.\n";

    ParsedPaper paper = parser.parse("notes.md", markdown);

    assertThat(paper.title()).isEqualTo("Background");
    assertThat(paper.segments()).hasSize(1);
    assertThat(paper.segments().get(0).heading()).isNull();
    assertThat(paper.segments().get(0).text()).isEqualTo(markdown.strip());
  }

  @Test
  void withoutHeadingsOrFrontMatterTheTitleIsTheFileName() {
    ParsedPaper paper = parser.parse("plain-notes.v2.md", "Just a paragraph of text.\n");

    assertThat(paper.title()).isEqualTo("plain-notes.v2");
    assertThat(paper.abstractText()).isNull();
  }

  @Test
  void followsCommonMarkForSetextAndHashWithoutSpace() {
    String markdown = "Big Title\n=========\n\n#NotAHeading but a paragraph\n\nSecond\n======\ntext of it\n";

    ParsedPaper paper = parser.parse("paper.md", markdown);

    assertThat(paper.title()).isEqualTo("Big Title");
    assertThat(paper.segments()).extracting(Section::heading).containsExactly("Big Title", "Second");
    assertThat(paper.segments().get(0).text()).contains("#NotAHeading but a paragraph");
  }

  @Test
  void acceptsByteOrderMarkAndWindowsLineEnds() {
    String markdown =
        "\uFEFF---\r\ntitle: Windows Paper\r\n---\r\n"
            + "# Summary\r\nthe first part of it\r\n# Two\r\nthe second part of it\r\n";

    ParsedPaper paper = parser.parse("paper.md", markdown);

    assertThat(paper.title()).isEqualTo("Windows Paper");
    assertThat(paper.segments())
        .extracting(Section::text)
        .containsExactly("# Summary\nthe first part of it", "# Two\nthe second part of it");
  }

  @Test
  void titleIsTheFirstH1WhenThereIsNoFrontMatterTitle() {
    String markdown = "## Preface\nhello\n\n# The *Real* `Title`\nbody\n";

    assertThat(parser.parse("paper.md", markdown).title()).isEqualTo("The Real Title");
  }

  @Test
  void abstractComesFromAnAbstractHeadingUpToTheNextHeadingOfItsLevel() {
    String markdown = "# Paper\n## Abstract\nWe study things.\n### Note\nA note.\n## Introduction\nIntro text.\n";

    assertThat(parser.parse("paper.md", markdown).abstractText()).isEqualTo("We study things.\n### Note\nA note.");
  }

  @Test
  void abstractComesFromAParagraphLabelledAbstract() {
    assertThat(parser.parse("p.md", "# Paper\n\n**Abstract**: We study things.\n\nMore.\n").abstractText())
        .isEqualTo("We study things.");
    assertThat(parser.parse("p.md", "# Paper\n\n**Abstract**\n\nWe study things.\n").abstractText())
        .isEqualTo("We study things.");
    assertThat(parser.parse("p.md", "# Paper\n\nAbstraction is not an abstract.\n").abstractText()).isNull();
  }

  @Test
  void aPaperWithNothingButFrontMatterHasNoSegments() {
    ParsedPaper paper = parser.parse("empty.md", "---\ntitle: Nothing here\n---\n\n   \n");

    assertThat(paper.title()).isEqualTo("Nothing here");
    assertThat(paper.segments()).isEmpty();
  }

  @Test
  void proseBetweenTwoRulesIsNotFrontMatter() {
    String markdown = "---\nThis is prose, not YAML.\n---\n# Body\ntext\n";

    ParsedPaper paper = parser.parse("paper.md", markdown);

    assertThat(paper.title()).isEqualTo("Body");
    assertThat(paper.segments().get(0).text()).contains("This is prose, not YAML.");
  }

  @Test
  void aRealFirstH1BeatsTheFrontMatterTitle() {
    String markdown = "---\ntitle: Working title\n---\n# Attention Is All You Need\nbody\n";
    assertThat(parser.parse("paper.md", markdown).title()).isEqualTo("Attention Is All You Need");
  }

  @Test
  void aSectionNameH1GivesWayToTheFrontMatterTitleButNotToNothing() {
    String withFrontMatter = "---\ntitle: 'Matchms: processing mass spectra'\n---\n# Summary\nbody\n";
    assertThat(parser.parse("paper.md", withFrontMatter).title()).isEqualTo("Matchms: processing mass spectra");
    assertThat(parser.parse("paper.md", "# Summary\nbody\n").title()).isEqualTo("Summary");
  }
}
