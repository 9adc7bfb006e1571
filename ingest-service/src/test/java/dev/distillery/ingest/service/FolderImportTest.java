package dev.distillery.ingest.service;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FolderImportTest {

  @Test
  void withoutConfiguredRootsEveryImportIsForbiddenWithTheSettingToChange() {
    assertThatThrownBy(() -> new FolderImport(List.of()).files("/tmp"))
        .isInstanceOf(ImportForbiddenException.class)
        .hasMessageContaining("ingest.import.roots");
  }
}
