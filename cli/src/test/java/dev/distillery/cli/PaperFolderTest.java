package dev.distillery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperFolderTest {
  @TempDir Path folder;

  @Test
  void takesTheMarkdownPapersOfTheFolderSortedByNameButNotItsNotes() throws IOException {
    Files.writeString(folder.resolve("b.markdown"), "# B");
    Files.writeString(folder.resolve("a.md"), "# A");
    Files.writeString(folder.resolve("C.MD"), "# C");
    Files.writeString(folder.resolve("notes.txt"), "not a paper");
    Files.writeString(folder.resolve("SOURCES.md"), "# Where the papers come from");
    Files.writeString(folder.resolve("README.md"), "# About this folder");
    Files.createDirectories(folder.resolve("nested.md"));

    assertThat(PaperFolder.papers(folder)).extracting(p -> p.getFileName().toString())
        .containsExactly("C.MD", "a.md", "b.markdown");
  }

  @Test
  void anEmptyFolderIsNamedInTheError() {
    assertThatThrownBy(() -> PaperFolder.papers(folder))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(folder.toString())
        .hasMessageContaining("is empty");
  }

  @Test
  void aFolderWithoutMarkdownSaysWhatItHolds() throws IOException {
    Files.writeString(folder.resolve("paper.pdf"), "%PDF-1.7");

    assertThatThrownBy(() -> PaperFolder.papers(folder))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(folder.toString())
        .hasMessageContaining("no Markdown paper")
        .hasMessageContaining("paper.pdf");
  }

  @Test
  void aMissingFolderIsNamedInTheError() {
    Path missing = folder.resolve("missing");

    assertThatThrownBy(() -> PaperFolder.papers(missing))
        .isInstanceOf(BadInputException.class)
        .hasMessage("folder " + missing + " does not exist");
  }
}
