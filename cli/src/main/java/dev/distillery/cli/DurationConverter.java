package dev.distillery.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people type them: {@code 90s}, {@code 10m}, {@code 1h}, or ISO-8601 such as {@code PT1H30M}. */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    Matcher simple = SIMPLE.matcher(text);
    Duration duration;
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      duration = switch (simple.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    } else {
      try {
        duration = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a duration; write e.g. 90s, 10m or 1h");
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new TypeConversionException("'" + value + "' is not a positive duration");
    }
    return duration;
  }

  /** The shortest of the forms {@link #convert} reads back: {@code 90s}, {@code 10m}, {@code 1h}. */
  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds > 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds > 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds > 0 && duration.toMillisPart() == 0 ? seconds + "s" : duration.toMillis() + "ms";
  }
}
