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
  void offersEveryFileOfTheFolderSortedByNameButNotItsNotesOrHiddenFiles() throws IOException {
    Files.writeString(folder.resolve("b.markdown"), "# B");
    Files.writeString(folder.resolve("a.md"), "# A");
    Files.write(folder.resolve("paper.pdf"), "%PDF-1.7".getBytes());
    Files.writeString(folder.resolve("notes.txt"), "plain text is a document too");
    Files.writeString(folder.resolve("Übersicht mit Leerzeichen.html"), "<h1>Ü</h1>");
    Files.writeString(folder.resolve("SOURCES.md"), "# Where the papers come from");
    Files.writeString(folder.resolve("README"), "About this folder");
    Files.writeString(folder.resolve(".DS_Store"), "");
    Files.createDirectories(folder.resolve("nested.md"));

    assertThat(PaperFolder.papers(folder)).extracting(p -> p.getFileName().toString())
        .containsExactly("a.md", "b.markdown", "notes.txt", "paper.pdf", "Übersicht mit Leerzeichen.html");
  }

  @Test
  void aFolderWithoutDocumentsIsNamedInTheError() throws IOException {
    Files.writeString(folder.resolve("README.md"), "# About this folder");

    assertThatThrownBy(() -> PaperFolder.papers(folder))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(folder.toString())
        .hasMessageContaining("holds no document");
  }

  @Test
  void aMissingFolderIsNamedInTheError() {
    Path missing = folder.resolve("missing");

    assertThatThrownBy(() -> PaperFolder.papers(missing))
        .isInstanceOf(BadInputException.class)
        .hasMessage("folder " + missing + " does not exist");
  }

  @Test
  void aFileInsteadOfAFolderIsRefused() throws IOException {
    Path file = Files.writeString(folder.resolve("paper.md"), "# A");

    assertThatThrownBy(() -> PaperFolder.papers(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("is not a folder");
  }
}
