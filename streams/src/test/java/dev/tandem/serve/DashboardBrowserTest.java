package dev.tandem.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.pipeline.PipelineReplay;
import dev.tandem.pipeline.TandemApp;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.scenario.Scenario;
import dev.tandem.testing.HeadlessChromium;
import dev.tandem.testing.KafkaStack;
import dev.tandem.testing.RawRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard in a real browser (headless chromium) against a real pipeline after the demo's
 * replay: the Fastly outage drawn across its five providers with fastly marked as the cause, and a
 * new outage showing up on the open page, from the event stream, without a reload and without
 * moving what is on screen.
 */
@ExtendWith(KafkaStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

  private static final Logger log = LoggerFactory.getLogger(DashboardBrowserTest.class);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** Vendors write the titles: markup in one is text on the page, never run. */
  private static final String HOSTILE_TITLE =
      "Elevated errors <img src=x onerror='window.injected=1'>";

  @TempDir static Path stateDir;

  private static ChromeDriver browser;
  private static TandemApp app;
  private static HttpLayer http;
  private static String rawTopic;
  private static String fastlyOutage;

  @BeforeAll
  static void replayTheDemoAndOpenTheBrowser() throws Exception {
    // First: without a browser the test is skipped, and should not pay for a replay.
    browser = HeadlessChromium.open(1600, 900);
    TandemConfig config = KafkaStack.pipelineConfig("dashboard", stateDir);
    app = TandemApp.start(config, Duration.ofMinutes(1));
    http = new HttpLayer("127.0.0.1", 0, "test-http");
    PipelineServer.routeOn(http, app.streams(), config).start();
    rawTopic = config.topics().raw();
    long started = System.nanoTime();
    PipelineReplay.replay(config, app, Scenario.records(Scenario.bundled()));
    log.info("replayed the bundled scenarios in {} ms", (System.nanoTime() - started) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (http != null) {
      http.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  @Order(1)
  void showsTheFastlyOutageAcrossItsFiveProvidersWithItsCause() throws Exception {
    browser.get(base() + "/");

    WebElement band =
        await()
            .atMost(PATIENCE)
            .ignoreExceptions()
            .until(
                () -> browser.findElement(By.cssSelector(".band[data-cause='fastly']")),
                b -> b.isDisplayed());
    fastlyOutage = band.getAttribute("data-outage-id");
    assertThat(Arrays.asList(band.getAttribute("data-providers").split(" ")))
        .containsExactly("amazon", "fastly", "github", "govuk", "reddit");
    for (String provider : List.of("amazon", "fastly", "github", "govuk", "reddit")) {
      WebElement row =
          browser.findElement(By.cssSelector(".row[data-provider='" + provider + "']"));
      assertThat(row.findElements(By.cssSelector(".bar"))).as(provider + "'s bars").isNotEmpty();
      // The band covers the row: it is drawn across every member.
      assertThat(overlapsVertically(band.getRect(), row.getRect())).as(provider).isTrue();
    }
    WebElement fastly = browser.findElement(By.cssSelector(".row[data-provider='fastly']"));
    assertThat(fastly.findElement(By.cssSelector(".cause-mark")).getText()).isEqualTo("cause");
    assertThat(fastly.findElements(By.cssSelector(".bar.cause"))).isNotEmpty();
    assertThat(browser.findElement(By.id("recent-outages")).getText())
        .contains("amazon, fastly, github, govuk, reddit")
        .contains("cause fastly");
    assertThat(browser.findElement(By.id("details")).getText())
        .contains("Confidence")
        .contains("fastly");

    Path screenshot = Path.of("target", "dashboard.png");
    Files.createDirectories(screenshot.getParent());
    Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  @Order(2)
  void aNewOutageAppearsWithoutAReloadAndNothingMoves() throws Exception {
    browser.get(base() + "/");
    await()
        .atMost(PATIENCE)
        .until(() -> "live".equals(browser.findElement(By.id("live")).getAttribute("data-state")));
    await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector(".band")).isEmpty());
    Rectangle recentBefore = browser.findElement(By.id("recent-outages")).getRect();
    Rectangle detailsBefore = browser.findElement(By.id("details-title")).getRect();
    Rectangle timelineBefore = browser.findElement(By.id("timeline")).getRect();
    browser.executeScript("window.notReloaded = true");

    // fastly fails, and github and reddit (it is their declared upstream) minutes after: later than
    // anything replayed, so a new outage, published while the page is open.
    Instant at = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", KafkaStack.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(investigating("fastly", at)).get();
      producer.send(investigating("github", at.plusSeconds(240))).get();
      producer.send(investigating("reddit", at.plusSeconds(420))).get();
    }

    WebElement opened =
        await()
            .atMost(PATIENCE)
            .ignoreExceptions()
            .until(
                () -> browser.findElement(By.cssSelector("#open-outages .outage")),
                o -> o.getText().contains("fastly") && o.getText().contains("github"));
    assertThat(opened.getText()).contains("cause fastly");
    assertThat(browser.executeScript("return window.notReloaded === true")).isEqualTo(true);
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () ->
                browser
                    .findElement(By.cssSelector(".band[data-outage-id]"))
                    .getAttribute("data-outage-id")
                    .equals(opened.getAttribute("data-outage-id")));
    assertThat(
            browser
                .findElement(By.cssSelector(".row[data-provider='github'] .bar"))
                .getAttribute("textContent"))
        .isEqualTo(HOSTILE_TITLE);
    assertThat(browser.findElements(By.cssSelector(".bar img"))).isEmpty();
    assertThat(browser.executeScript("return window.injected === undefined")).isEqualTo(true);
    assertThat(browser.findElement(By.id("recent-outages")).getRect()).isEqualTo(recentBefore);
    assertThat(browser.findElement(By.id("details-title")).getRect()).isEqualTo(detailsBefore);
    assertThat(browser.findElement(By.id("timeline")).getRect()).isEqualTo(timelineBefore);
  }

  /** Notifications link to an outage this way: it is shown though a newer one is open. */
  @Test
  @Order(3)
  void aLinkShowsItsOutage() {
    browser.get("about:blank");
    browser.get(base() + "/#outage=" + fastlyOutage);

    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () ->
                browser
                    .findElement(By.cssSelector(".band.selected"))
                    .getAttribute("data-outage-id")
                    .equals(fastlyOutage));
    assertThat(browser.findElement(By.id("details")).getText()).contains(fastlyOutage);
    assertThat(browser.findElements(By.cssSelector("#open-outages .outage"))).isNotEmpty();
  }

  private static boolean overlapsVertically(Rectangle band, Rectangle row) {
    return band.getY() <= row.getY() + row.getHeight() / 2
        && band.getY() + band.getHeight() >= row.getY() + row.getHeight() / 2;
  }

  private static ProducerRecord<String, byte[]> investigating(String provider, Instant at) {
    return RawRecords.investigating(rawTopic, provider, "live-" + provider, HOSTILE_TITLE, at);
  }

  private static String base() {
    return "http://127.0.0.1:" + http.port();
  }
}
