package dev.distillery.contracts;

/**
 * The outcome for one file offered to a run: accepted (with what it became) or rejected (with why).
 *
 * @param file the file name as the user gave it
 * @param accepted whether the file became a paper
 * @param reason why it was rejected, in words a user understands; null when accepted
 * @param paperId the paper it became; null when rejected
 * @param mediaType what the content was detected as, e.g. {@code application/pdf}
 * @param bytes the file's size
 * @param segments how many segments (chunks) the paper was split into
 * @param extractedPairs how many Q&amp;A pairs were mined from it
 */
public record SourceStatus(
    String file,
    boolean accepted,
    String reason,
    String paperId,
    String mediaType,
    long bytes,
    int segments,
    int extractedPairs) {}
