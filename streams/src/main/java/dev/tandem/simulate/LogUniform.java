package dev.tandem.simulate;

import java.util.SplittableRandom;

/**
 * A quantity spread evenly over orders of magnitude between {@code low} and {@code high}: as many
 * providers fail about monthly as about weekly, as many incidents last about half an hour as about
 * two hours. Uniform draws would make almost everything land near {@code high}.
 */
record LogUniform(double low, double high) {

  LogUniform {
    if (!(low > 0 && high >= low)) {
      throw new IllegalArgumentException(
          "a log-uniform range needs 0 < low <= high, not " + low + ".." + high);
    }
  }

  double draw(SplittableRandom random) {
    // Drawn even when low == high, so that every draw consumes the same randomness.
    double u = random.nextDouble();
    return low == high ? low : Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)));
  }
}
