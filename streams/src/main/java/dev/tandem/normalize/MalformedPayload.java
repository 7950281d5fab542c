package dev.tandem.normalize;

/**
 * Thrown inside an adapter when a payload cannot be read; its message is the failure reason. It
 * never leaves the package: each adapter turns it into {@link ParseResult.Failed}, so parsing code
 * can read straight down instead of threading results through every field.
 */
final class MalformedPayload extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MalformedPayload(String reason) {
    // No stack trace: this is an expected outcome for bad input, not a bug to debug.
    super(reason, null, false, false);
  }
}
