package dev.tandem.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real browser for the dashboard's tests: Debian's {@code chromium} driven by its {@code
 * chromedriver} through Selenium. Where either is missing it is installed with apt-get, once per
 * JVM and within a bounded time; where that cannot be done the test is skipped (aborted) with a
 * message naming what is missing, never failed for the machine's sake.
 */
public final class HeadlessChromium {

  private static final Logger log = LoggerFactory.getLogger(HeadlessChromium.class);

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  /** Why no browser can be had, once tried; empty when it can. */
  private static Optional<String> unavailable;

  private HeadlessChromium() {}

  /**
   * A headless chromium of {@code width}×{@code height}, or the calling test aborted when none can
   * be had here.
   */
  public static ChromeDriver open(int width, int height) throws IOException {
    unavailable().ifPresent(reason -> Assumptions.abort("no headless browser: " + reason));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Without these it waits on connections a closed network never answers, or on a sandbox a
    // container does not have.
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + Files.createTempDirectory("tandem-chromium"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  private static synchronized Optional<String> unavailable() {
    if (unavailable == null) {
      unavailable = installWhereMissing();
    }
    return unavailable;
  }

  private static Optional<String> installWhereMissing() {
    List<String> missing = missing();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      return Optional.of(
          String.join(" and ", missing) + " missing, and no apt-get here to install them");
    }
    log.info("installing {} with apt-get for the dashboard's browser test", missing);
    List<String> command = new ArrayList<>(List.of("apt-get", "install", "-y", "-q"));
    command.addAll(missing);
    try {
      Process apt =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(Files.createTempFile("tandem-apt", ".log").toFile())
              .start();
      if (!apt.waitFor(INSTALL_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
        apt.destroyForcibly();
        return Optional.of(
            String.join(" and ", missing)
                + " missing, and apt-get did not install them within "
                + INSTALL_TIMEOUT.toMinutes()
                + " minutes");
      }
      if (apt.exitValue() != 0) {
        return Optional.of(
            String.join(" and ", missing)
                + " missing, and apt-get install failed (exit "
                + apt.exitValue()
                + "; run as root, or install chromium and chromium-driver)");
      }
    } catch (IOException e) {
      return Optional.of(String.join(" and ", missing) + " missing: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while installing " + String.join(" and ", missing));
    }
    List<String> still = missing();
    return still.isEmpty()
        ? Optional.empty()
        : Optional.of(String.join(" and ", still) + " still missing after apt-get install");
  }

  /** The Debian packages of what is not installed. */
  private static List<String> missing() {
    List<String> packages = new ArrayList<>();
    if (!Files.isExecutable(CHROMIUM)) {
      packages.add("chromium");
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      packages.add("chromium-driver");
    }
    return packages;
  }
}
