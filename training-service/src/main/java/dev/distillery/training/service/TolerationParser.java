package dev.distillery.training.service;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import java.util.Set;

/** Reads tolerations written as {@code key[=value]:Effect}, the notation of {@code kubectl taint}. */
final class TolerationParser {
  private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  private TolerationParser() {}

  static List<Toleration> parse(List<String> specs) {
    return specs.stream().map(String::strip).filter(spec -> !spec.isEmpty()).map(TolerationParser::parse).toList();
  }

  /**
   * @throws IllegalArgumentException naming the spec and what is wrong with it
   */
  static Toleration parse(String spec) {
    int colon = spec.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "toleration '" + spec + "' has no effect: write key[=value]:Effect, e.g. nvidia.com/gpu:NoSchedule");
    }
    String effect = spec.substring(colon + 1);
    if (!EFFECTS.contains(effect)) {
      throw new IllegalArgumentException(
          "toleration '" + spec + "' has effect '" + effect + "'; it must be one of NoSchedule, PreferNoSchedule, NoExecute");
    }
    String keyAndValue = spec.substring(0, colon);
    int equals = keyAndValue.indexOf('=');
    String key = equals < 0 ? keyAndValue : keyAndValue.substring(0, equals);
    if (key.isBlank()) {
      throw new IllegalArgumentException("toleration '" + spec + "' has no key");
    }
    TolerationBuilder toleration = new TolerationBuilder().withKey(key).withEffect(effect);
    return equals < 0
        ? toleration.withOperator("Exists").build()
        : toleration.withOperator("Equal").withValue(keyAndValue.substring(equals + 1)).build();
  }
}
