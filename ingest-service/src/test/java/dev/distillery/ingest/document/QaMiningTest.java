package dev.distillery.ingest.document;

import static dev.distillery.ingest.TestDocuments.prose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.distillery.contracts.ExtractedPair;
import dev.distillery.ingest.TestDocuments;
import dev.distillery.ingest.TestDocuments.Section;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QaMiningTest {
  @TempDir Path dir;
  private Parsing parsing;

  @BeforeEach
  void setUp() {
    parsing = new Parsing(dir);
  }

  /** The question starts the pair and the answer ends it, both cut from the text at the pair's offsets. */
  private static void assertVerbatim(ParsedDocument paper) {
    for (ExtractedPair pair : paper.pairs()) {
      assertThat(paper.text().substring(pair.charStart(), pair.charStart() + pair.question().length()))
          .isEqualTo(pair.question());
      assertThat(paper.text().substring(pair.charEnd() - pair.answer().length(), pair.charEnd()))
          .isEqualTo(pair.answer());
      assertThat(paper.text().substring(pair.charStart(), pair.charEnd())).contains(pair.question(), pair.answer());
    }
  }

  @Test
  void lineMarkersInEveryStyleArePairedVerbatim() {
    String markdown = """
        # Support log

        Q: How do I reset my password?
        A: Open Settings, then choose **Reset**.

        Question: Can I export my data?
        Answer: Yes. Use the export button;
        it writes a JSON file.

        **Question**: Is there an API?
        **Answer**: There is, see `/api/v1`.

        **Q:** What does it cost?
        **A:** Nothing for personal use.

        User: Write a haiku about caches.
        Assistant: Warm lines wait in rows,
        evicted by the newcomer.

        ```
        Q: this is code, not a question
        A: and not an answer
        ```

        After the log comes ordinary prose that no answer should swallow.
        """;

    ParsedDocument paper = parsing.parse("log.md", markdown);

    assertThat(paper.pairs()).extracting(ExtractedPair::question, ExtractedPair::answer, ExtractedPair::style)
        .containsExactly(
            tuple("How do I reset my password?", "Open Settings, then choose **Reset**.", "q-a"),
            tuple("Can I export my data?", "Yes. Use the export button;\nit writes a JSON file.", "question-answer"),
            tuple("Is there an API?", "There is, see `/api/v1`.", "question-answer"),
            tuple("What does it cost?", "Nothing for personal use.", "q-a"),
            tuple("Write a haiku about caches.", "Warm lines wait in rows,\nevicted by the newcomer.",
                "user-assistant"));
    assertThat(paper.pairs()).allSatisfy(pair -> assertThat(pair.sectionPath()).containsExactly("Support log"));
    assertVerbatim(paper);
  }

  @Test
  void questionAndAnswerHeadingsArePaired() {
    String markdown = """
        # Exercises

        ## Question 1: What limits a cache's hit rate?

        ## Answer

        Its size relative to the working set.

        ## Question

        Why evict the least recently used entry?

        ## Answer

        Because recent use predicts the next use.

        ## Notes

        Unrelated.
        """;

    ParsedDocument paper = parsing.parse("exercises.md", markdown);

    assertThat(paper.pairs()).extracting(ExtractedPair::question, ExtractedPair::answer, ExtractedPair::style)
        .containsExactly(
            tuple("What limits a cache's hit rate?", "Its size relative to the working set.", "heading"),
            tuple("Why evict the least recently used entry?", "Because recent use predicts the next use.",
                "heading"));
    assertVerbatim(paper);
  }

  @Test
  void faqSectionsGiveTheirQuestionHeadingsAndBoldQuestions() {
    String markdown = """
        # Product

        %s

        ## Frequently Asked Questions

        ### How long does setup take?

        About ten minutes.

        ### Pricing

        Not a question, so not a pair.

        **Does it work offline?**

        Yes, once the models are downloaded.

        It syncs when you are back online.

        # Changelog

        Nothing here.
        """.formatted(prose("products", 3));

    ParsedDocument paper = parsing.parse("product.md", markdown);

    assertThat(paper.pairs()).extracting(ExtractedPair::question, ExtractedPair::answer, ExtractedPair::style)
        .containsExactly(
            tuple("How long does setup take?", "About ten minutes.", "faq"),
            tuple("Does it work offline?",
                "Yes, once the models are downloaded.\n\nIt syncs when you are back online.", "faq"));
    assertThat(paper.pairs().get(0).sectionPath())
        .containsExactly("Product", "Frequently Asked Questions", "How long does setup take?");
    assertVerbatim(paper);
  }

  @Test
  void aDocxFaqIsMinedToo() {
    ParsedDocument paper = parsing.parse("faq.docx", TestDocuments.docx("Help", "Support", List.of(
        new Section("FAQ", "How do I start?", "Press the green button."))));

    assertThat(paper.pairs()).extracting(ExtractedPair::question, ExtractedPair::answer)
        .containsExactly(tuple("How do I start?", "Press the green button."));
    assertVerbatim(paper);
  }

  @Test
  void proseWithoutQuestionsYieldsNothing() {
    assertThat(parsing.parse("plain.md", "# A\n\n" + prose("nothing", 10) + "\n\nA: not after a question.\n")
        .pairs()).isEmpty();
  }
}
