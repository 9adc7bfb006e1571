package dev.distillery.export;

/**
 * Where a run stands in the export-service. A run the service has not heard of, or whose run.closed has not
 * arrived yet, is {@link #COLLECTING}.
 */
public enum RunStatus {
  /** Samples are still arriving, or run.closed has not. */
  COLLECTING,
  /** Every planned sample has arrived and the run is claimed for export; the files are being written. */
  COMPLETE,
  /** The dataset is on disk and dataset.exported is published. */
  EXPORTED
}
