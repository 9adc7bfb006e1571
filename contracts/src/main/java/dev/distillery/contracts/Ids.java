package dev.distillery.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Deterministic ids: name-based UUIDs (RFC 9562 version 5) derived from what an entity came from, so
 * replaying an input reproduces every id downstream of it and consumers can drop duplicates.
 */
public final class Ids {
  private static final UUID NAMESPACE = UUID.fromString("6f3c2a0e-52d4-4f7b-9a61-0d1e5c7b8a90");

  private Ids() {}

  /** A version-5 UUID over the namespace and the parts, joined by a separator no id contains. */
  public static String derive(String kind, Object... parts) {
    StringBuilder name = new StringBuilder(kind);
    for (Object part : parts) {
      name.append('\u001f').append(part);
    }
    MessageDigest sha1 = digest("SHA-1");
    sha1.update(toBytes(NAMESPACE));
    byte[] hash = sha1.digest(name.toString().getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (hash[i] & 0xff);
      lsb = (lsb << 8) | (hash[i + 8] & 0xff);
    }
    return new UUID(msb, lsb).toString();
  }

  public static String event(EventType type, String subjectId) {
    return derive("event", type.topic(), subjectId);
  }

  public static String paper(String runId, String contentHash) {
    return derive("paper", runId, contentHash);
  }

  public static String segment(String paperId, int ordinal) {
    return derive("segment", paperId, ordinal);
  }

  public static String prompt(String segmentId, TaskType taskType, int ordinalInSegment) {
    return derive("prompt", segmentId, taskType, ordinalInSegment);
  }

  /** The plan slot of the {@code index}-th Q&amp;A pair mined from a paper. */
  public static String extractedPrompt(String paperId, int index) {
    return derive("extracted-prompt", paperId, index);
  }

  /** One sample per prompt: a regenerated answer keeps its sample id. */
  public static String sample(String promptId) {
    return derive("sample", promptId);
  }

  /** Lower-case hex SHA-256 of the bytes. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest("SHA-256").digest(bytes));
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has " + algorithm, e);
    }
  }

  private static byte[] toBytes(UUID uuid) {
    byte[] bytes = new byte[16];
    long msb = uuid.getMostSignificantBits();
    long lsb = uuid.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (msb >>> (56 - 8 * i));
      bytes[i + 8] = (byte) (lsb >>> (56 - 8 * i));
    }
    return bytes;
  }
}
