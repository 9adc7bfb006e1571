package dev.distillery.export.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where datasets are written. */
@ConfigMapping(prefix = "export")
public interface ExportConfig {

  /**
   * Directory under which each run's dataset gets its own sub-directory {@code <runId>/}. Relative paths are
   * resolved against the working directory. Environment: {@code EXPORT_DATA_DIR}.
   */
  @WithDefault("data/datasets")
  String dataDir();
}
