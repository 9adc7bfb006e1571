package dev.distillery.export;

/**
 * The export-service's share of a run's progress, read by the ingest-service's {@code GET /runs/{id}}.
 *
 * @param received distinct validated samples received, whatever their verdict
 * @param exported examples in the last export (train + validation)
 * @param location directory of the last export, null before it
 */
public record ExportProgress(
    RunStatus status, long received, long exported, long trainExamples, long validationExamples, String location) {}
