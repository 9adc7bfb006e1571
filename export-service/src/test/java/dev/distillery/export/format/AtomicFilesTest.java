package dev.distillery.export.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.contracts.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheFileAndReturnsTheSha256OfWhatItWrote() throws IOException {
    Path target = dir.resolve("data.jsonl");
    Files.writeString(target, "old");
    byte[] content = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);

    String sha256 = AtomicFiles.write(target, out -> out.write(content));

    assertThat(target).hasBinaryContent(content);
    assertThat(sha256).isEqualTo(Ids.sha256(content));
    assertThat(names()).containsExactly("data.jsonl");
  }

  @Test
  void aFailedWriteLeavesTheOldFileWholeAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("data.jsonl");
    Files.writeString(target, "complete old content");

    assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
      out.write("half of the new".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    })).hasMessage("disk full");

    assertThat(target).hasContent("complete old content");
    assertThat(names()).containsExactly("data.jsonl");
  }

  @Test
  void removesTemporaryFilesACrashLeftBehind() throws IOException {
    Files.writeString(dir.resolve(".data.jsonl.123.tmp"), "half");
    Files.writeString(dir.resolve("data.jsonl"), "whole");

    AtomicFiles.deleteLeftovers(dir);

    assertThat(names()).containsExactly("data.jsonl");
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
