package dev.tandem.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testing.PayloadFixtures;
import org.junit.jupiter.api.Test;

/** The collector's first-bytes check of a page against the format its entry declares. */
class DeclaredFormatTest {

  private static final byte[] STATUSCAST = PayloadFixtures.bytes("feeds/fastly-statuscast.rss");

  @Test
  void acceptsAStatusCastFeedAsTheRssItIs() {
    assertThat(DeclaredFormat.isHtml(STATUSCAST)).isFalse();
    assertThat(DeclaredFormat.mismatch("rss", STATUSCAST)).isEmpty();
  }

  @Test
  void refusesAStatusCastFeedWhereStatuspageJsonWasDeclared() {
    assertThat(DeclaredFormat.mismatch("statuspage", STATUSCAST))
        .contains("XML where statuspage JSON was declared (a feed?)");
  }
}
