package dev.tandem.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.OutageState;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Filters choose outages, not single changes: what was sent is followed to its end. */
class NoticeFilterTest {

  private static final Secret URL = new Secret("http://h/");

  @Test
  void minimumConfidenceAndProvidersChooseOutages() {
    NoticeFilter filter = new NoticeFilter(target(0.9, Set.of("fastly", "aws")));

    assertThat(filter.admit(notice("a-1", OutageState.OPEN, 0.95, "fastly", "github"))).isTrue();
    assertThat(filter.admit(notice("b-1", OutageState.OPEN, 0.5, "fastly", "github"))).isFalse();
    assertThat(filter.admit(notice("c-1", OutageState.OPEN, 0.99, "slack", "github"))).isFalse();
  }

  @Test
  void anOutageSentIsFollowedToItsEndAndOneFilteredOutIsNot() {
    NoticeFilter filter = new NoticeFilter(target(0.9, Set.of()));

    assertThat(filter.admit(notice("a-1", OutageState.OPEN, 0.95))).isTrue();
    assertThat(filter.admit(notice("a-1", OutageState.UPDATED, 0.7))).isTrue();
    assertThat(filter.admit(notice("a-1", OutageState.RESOLVED, 0.7))).isTrue();
    assertThat(filter.admit(notice("b-1", OutageState.OPEN, 0.5))).isFalse();
    assertThat(filter.admit(OutageNotice.retraction("b-1"))).isFalse();
  }

  @Test
  void anOutageThatGrowsConfidentEnoughIsSentFromThen() {
    NoticeFilter filter = new NoticeFilter(target(0.9, Set.of()));

    assertThat(filter.admit(notice("a-1", OutageState.OPEN, 0.5))).isFalse();
    assertThat(filter.admit(notice("a-1", OutageState.UPDATED, 0.95))).isTrue();
    assertThat(filter.admit(notice("a-1", OutageState.RESOLVED, 0.5))).isTrue();
  }

  @Test
  void anEndNeverSeenBeforeIsJudgedOnItsContentAndARetractionIsSent() {
    NoticeFilter filter = new NoticeFilter(target(0.9, Set.of()));

    assertThat(filter.admit(notice("a-1", OutageState.RESOLVED, 0.95))).isTrue();
    assertThat(filter.admit(notice("b-1", OutageState.RESOLVED, 0.5))).isFalse();
    assertThat(filter.admit(OutageNotice.retraction("c-1"))).isTrue();
  }

  private static NotifyTarget target(double minConfidence, Set<String> providers) {
    return new NotifyTarget("t", TargetType.WEBHOOK, URL, null, minConfidence, providers);
  }

  private static OutageNotice notice(
      String id, OutageState state, double confidence, String... providers) {
    String[] members = providers.length == 0 ? new String[] {"fastly", "github"} : providers;
    return Outages.notice(Outages.outage(id, state, 1, confidence, members[0], members));
  }
}
