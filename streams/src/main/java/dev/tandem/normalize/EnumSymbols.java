package dev.tandem.normalize;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the enum symbol a status word names, the way vendors and people write them: any case, with
 * spaces or hyphens for underscores ({@code in_progress}, {@code In Progress} and {@code
 * IN_PROGRESS} are one symbol). Statuspage's words and Tandem's symbols share spelling, so this is
 * the whole mapping.
 */
final class EnumSymbols {

  private EnumSymbols() {}

  static <E extends Enum<E>> Optional<E> lookup(Class<E> type, String word) {
    if (word == null) {
      return Optional.empty();
    }
    String symbol = word.strip().replace(' ', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(symbol)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }

  /** "A, B, C": the symbols of an enum, for failure reasons that list what is allowed. */
  static <E extends Enum<E>> String listed(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
