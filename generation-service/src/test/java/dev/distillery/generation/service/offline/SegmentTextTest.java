package dev.distillery.generation.service.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentTextTest {

  @Test
  void readsProseWithoutMarkupAndKeepsCodeAside() {
    SegmentText text =
        SegmentText.parse(
            """
            # Method

            We use **robust** estimates, e.g. the median [@huber1981]. See [the guide](https://x.org) for `push`.
            ![A figure](fig.png)

            ```python
            # a comment, not a heading
            x = 1
            ```

            - First item of a list
            - Second item
            """);

    assertThat(text.sentences())
        .containsExactly(
            "We use robust estimates, e.g. the median.", "See the guide for push.", "First item of a list",
            "Second item");
    assertThat(text.codeBlocks()).singleElement().satisfies(block -> {
      assertThat(block.language()).isEqualTo("python");
      assertThat(block.code()).isEqualTo("# a comment, not a heading\nx = 1");
    });
  }

  @Test
  void keyTermsFavourWhatTheHeadingNames() {
    String prose = "The sieve filters readings. Each reading passes the sieve. Outliers leave the sieve. Readings vary.";

    assertThat(KeyTerms.of(prose, "", 2)).containsExactly("sieve", "readings");
    assertThat(KeyTerms.of(prose, "Outliers", 2)).containsExactly("sieve", "Outliers");
  }
}
