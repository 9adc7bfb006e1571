package dev.distillery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsTheShortFormsPeopleType() {
    assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(converter.convert("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void refusesWhatIsNotAPositiveDurationAndSaysHowToWriteOne() {
    assertThatThrownBy(() -> converter.convert("soon"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'soon'")
        .hasMessageContaining("10m");
    assertThatThrownBy(() -> converter.convert("0s")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void formatsInTheShortestFormItReadsBack() {
    assertThat(DurationConverter.format(Duration.ofMinutes(30))).isEqualTo("30m");
    assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationConverter.format(Duration.ofHours(2))).isEqualTo("2h");
  }
}
