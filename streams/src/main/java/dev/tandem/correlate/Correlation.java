package dev.tandem.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The live state of correlation: every incident held, and the outages they make, kept up to date
 * one incident change at a time at a cost that depends on the episodes near the change, not on
 * everything held.
 *
 * <p>An outage is a connected group of episodes, joined by two kinds of links: the members of a
 * minimal burst ({@link BurstDetector}) and evidence links ({@link EvidenceLinks}) within a group
 * of evidence that is convincing on its own. Both kinds of link reach at most {@link #reach()} in
 * time, so a change only ever alters the groups near it: the region around the change, widened
 * until no group crosses its edge, is worked out anew from the episodes in it and replaces what was
 * there. That makes the result the same function of the set of incidents as working out everything
 * at once, which is what {@link Correlator#correlate} does.
 *
 * <p>Changes are cheap to take and settled together: {@link #put} and {@link #remove} only mark the
 * regions they touch, and the next {@link #outages()} or {@link #drainChanges()} works each marked
 * region out once, with everything taken by then. Incidents of a catch-up or a replay arrive far
 * from event order, and many land in the same region; settling them one by one would work that
 * region out again for each, and publish every intermediate shape of its outages.
 */
public final class Correlation {

  private final CorrelationSettings settings;
  private final DependencyGraph graph;
  private final CoincidenceModel fixedCoincidence;
  private final IncidentIndex index = new IncidentIndex();

  private final BackgroundRates rates;

  /** What each episode held depends on, kept as long as the episode is held. */
  private final EpisodeUpstreams upstreams;

  private final BurstDetector detector;
  private final Duration reach;

  /** Current outages by (first onset, id). */
  private final NavigableMap<String, Group> groups = new TreeMap<>();

  /** provider|onset of every member episode → its group's key. */
  private final Map<String, String> memberOf = new HashMap<>();

  /** Groups added and incident keys touched since the last {@link #drainChanges()}. */
  private final Set<String> addedSinceDrain = new java.util.TreeSet<>();

  private final Set<String> touchedSinceDrain = new HashSet<>();

  /** Regions [from, to] marked by changes taken since the last settle. */
  private final List<Instant[]> unsettled = new ArrayList<>();

  /**
   * What changed since the last drain.
   *
   * @param current the outages worked out anew (some may equal what was published)
   * @param memberKeys incident keys of every member of an outage dropped or worked out anew
   */
  public record Changes(List<Outage> current, Set<String> memberKeys) {
    public boolean isEmpty() {
      return current.isEmpty() && memberKeys.isEmpty();
    }
  }

  /**
   * The outages worked out anew since the last call, and the incidents they and the dropped ones
   * held.
   */
  public Changes drainChanges() {
    settle();
    List<Outage> current = new ArrayList<>();
    for (String key : addedSinceDrain) {
      Group g = groups.get(key);
      if (g != null) {
        current.add(g.outage());
      }
    }
    Changes changes = new Changes(current, Set.copyOf(touchedSinceDrain));
    addedSinceDrain.clear();
    touchedSinceDrain.clear();
    return changes;
  }

  /** One outage and the episodes and bursts it was made of. */
  record Group(String key, OutageCluster cluster, List<Burst> bursts, Outage outage) {}

  public Correlation(CorrelationSettings settings, DependencyGraph graph) {
    this(settings, graph, null);
  }

  Correlation(
      CorrelationSettings settings, DependencyGraph graph, CoincidenceModel fixedCoincidence) {
    this.settings = settings;
    this.graph = graph;
    this.fixedCoincidence = fixedCoincidence;
    this.rates = new BackgroundRates(index, settings);
    this.upstreams = new EpisodeUpstreams(graph);
    this.detector = new BurstDetector(settings, rates::at);
    Duration widest = detector.widest();
    this.reach =
        widest.compareTo(settings.dependencyWindow()) > 0 ? widest : settings.dependencyWindow();
  }

  public CorrelationSettings settings() {
    return settings;
  }

  /** How far in time a link can reach. */
  Duration reach() {
    return reach;
  }

  public ProviderIncident incident(String key) {
    return index.get(key);
  }

  /** How many of the incidents held are open. */
  public int openIncidents() {
    return index.openCount();
  }

  /** The outages standing now, by first onset. */
  public List<Outage> outages() {
    settle();
    return groups.values().stream().map(Group::outage).toList();
  }

  /** Adds or replaces an incident; the outages follow at the next settle. */
  public void put(ProviderIncident incident) {
    ProviderIncident previous = index.get(incident.key());
    if (incident.equals(previous)) {
      // A new phase of an incident (identified, monitoring) changes nothing correlation sees.
      return;
    }
    Instant startMoved =
        previous != null && previous.startedAt().equals(incident.startedAt())
            ? null
            : earliest(incident.startedAt(), previous == null ? null : previous.startedAt());
    apply(index.put(incident), startMoved);
  }

  /** Adds many incidents and works the outages out once, at the end. */
  public void putAll(Collection<ProviderIncident> incidents) {
    settle();
    upstreams.forgetAll();
    for (ProviderIncident incident : incidents) {
      index.put(incident);
    }
    rates.forgetBefore(Instant.MAX);
    detector.backgroundChanged();
    if (!index.all().isEmpty()) {
      recompute(index.all().first().onset(), index.all().last().onset());
    }
  }

  /** Forgets an incident (it aged out); the outages follow at the next settle. */
  public void remove(String key) {
    ProviderIncident previous = index.get(key);
    if (previous != null) {
      apply(index.remove(key), previous.startedAt());
    }
  }

  /**
   * Forgets an incident that can change nothing any more: aged out, and frozen a further retention
   * (design §5). It leaves with the outage it was a member of, and nothing is worked out again: not
   * the backgrounds of the days it counted in, which stay as they were, nor the outages near it.
   * {@link #remove} would re-judge each of the 29 days it counted in, every one of them past
   * changing: in a replay of years, where an incident is forgotten for nearly every one taken, that
   * was almost all of the correlate stage's work.
   */
  public void forget(String key) {
    if (index.get(key) == null) {
      return;
    }
    IncidentIndex.EpisodeChange change = index.remove(key);
    for (Episode e : change.removed()) {
      upstreams.forget(e);
      String groupKey = memberOf.get(memberKey(e));
      Group group = groupKey == null ? null : groups.get(groupKey);
      if (group != null) {
        drop(group);
      }
    }
  }

  /** Forgets the background of days before {@code day}; call as event time moves on. */
  public void forgetBackgroundBefore(Instant day) {
    rates.forgetBefore(day);
    detector.backgroundChanged();
  }

  private static Instant earliest(Instant a, Instant b) {
    return b == null || a.isBefore(b) ? a : b;
  }

  /**
   * @param startMoved the earliest of an incident's old and new start when it appeared, moved or
   *     went, else null: with the onsets, what the background depends on
   */
  private void apply(IncidentIndex.EpisodeChange change, Instant startMoved) {
    change.removed().forEach(upstreams::forget);
    List<Instant[]> dirty = new ArrayList<>();
    // The background depends on onsets, their levels and when providers were first seen; an
    // incident that only resolves or moves to another phase leaves it alone.
    Set<OnsetLevel> before = new HashSet<>();
    change.removed().forEach(e -> before.add(OnsetLevel.of(e)));
    Set<OnsetLevel> after = new HashSet<>();
    change.added().forEach(e -> after.add(OnsetLevel.of(e)));
    Instant backgroundFrom = startMoved;
    // The latest onset that appeared or went: an open incident arriving late can swallow the
    // provider's later episodes into one, so the change reaches as far as the last of them.
    Instant backgroundTo = startMoved;
    if (!before.equals(after)) {
      List<Episode> moved = new ArrayList<>(change.removed());
      moved.addAll(change.added());
      for (Episode e : moved) {
        backgroundFrom = backgroundFrom == null ? e.onset() : earliest(e.onset(), backgroundFrom);
        backgroundTo =
            backgroundTo == null || e.onset().isAfter(backgroundTo) ? e.onset() : backgroundTo;
      }
    }
    if (backgroundFrom != null && !change.provider().isEmpty()) {
      // A changed background changes every burst of its day.
      List<BackgroundRates.DayChange> changedDays =
          rates.providerChanged(change.provider(), backgroundFrom, backgroundTo);
      if (!changedDays.isEmpty()) {
        detector.backgroundChanged();
      }
      for (BackgroundRates.DayChange changed : changedDays) {
        Instant dayEnd = changed.day().plus(Duration.ofDays(1)).minusMillis(1);
        if (changed.fell()) {
          if (!index.between(changed.day(), dayEnd).isEmpty()) {
            dirty.add(new Instant[] {changed.day(), dayEnd});
          }
        } else {
          // A higher background only raises thresholds: only outages standing that day can change.
          for (Group g : overlapping(changed.day(), dayEnd)) {
            dirty.add(new Instant[] {g.cluster().firstOnset(), g.cluster().lastOnset()});
          }
        }
      }
    }
    for (Episode e : change.removed()) {
      if (memberOf.containsKey(memberKey(e))) {
        dirty.add(new Instant[] {e.onset(), e.onset()});
      }
      if (!after.contains(OnsetLevel.of(e))) {
        // An onset that went was counted by every window holding it, members or not: the outages
        // whose bursts such a window made may not stand without it.
        for (Group g :
            overlapping(e.onset().minus(detector.widest()), e.onset().plus(detector.widest()))) {
          dirty.add(new Instant[] {g.cluster().firstOnset(), g.cluster().lastOnset()});
        }
      }
    }
    for (Episode e : change.added()) {
      // An episode whose onset and level stand as they were (it resolved, or gained an incident)
      // changes no window's count; if it was a member, its removal above already marked it.
      boolean sameOnset = before.contains(OnsetLevel.of(e));
      if ((!sameOnset || !sameEvidence(e.incidents(), previousIncidents(change, e)))
          && mayLink(e)) {
        dirty.add(new Instant[] {e.onset(), e.onset()});
      }
    }
    unsettled.addAll(dirty);
  }

  /**
   * Works out every region marked since the last settle, each once: marked regions that lie within
   * reach of each other are one region.
   */
  private void settle() {
    if (unsettled.isEmpty()) {
      return;
    }
    unsettled.sort(Comparator.comparing(r -> r[0]));
    List<Instant[]> merged = new ArrayList<>();
    for (Instant[] r : unsettled) {
      Instant[] lastRange = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (lastRange != null && !r[0].isAfter(lastRange[1].plus(reach))) {
        lastRange[1] = r[1].isAfter(lastRange[1]) ? r[1] : lastRange[1];
      } else {
        merged.add(new Instant[] {r[0], r[1]});
      }
    }
    unsettled.clear();
    for (Instant[] r : merged) {
      recompute(r[0], r[1]);
    }
  }

  /**
   * What of an episode the background and the burst counts see: when it started, and whether it is
   * major.
   */
  private record OnsetLevel(Instant onset, boolean major) {
    static OnsetLevel of(Episode e) {
      return new OnsetLevel(e.onset(), SeverityLevel.MAJOR.includes(e.severity()));
    }
  }

  /**
   * Whether two incident lists say the same about upstreams: the same incidents, titles and
   * components.
   */
  private static boolean sameEvidence(List<ProviderIncident> a, List<ProviderIncident> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      ProviderIncident x = a.get(i);
      ProviderIncident y = b.get(i);
      if (!x.key().equals(y.key())
          || !x.title().equals(y.title())
          || !x.components().equals(y.components())) {
        return false;
      }
    }
    return true;
  }

  /** The incidents of the removed episode with the same onset as {@code e}, if any. */
  private static List<ProviderIncident> previousIncidents(
      IncidentIndex.EpisodeChange change, Episode e) {
    for (Episode r : change.removed()) {
      if (r.onset().equals(e.onset())) {
        return r.incidents();
      }
    }
    return List.of();
  }

  /** Whether a new or changed episode can be linked to anything: else nothing needs working out. */
  private boolean mayLink(Episode e) {
    if (!upstreams.of(e).isEmpty() || graph.isUpstreamOfAny(e.provider())) {
      return true;
    }
    return detector.mayBurstAround(index, e.onset());
  }

  /**
   * Works out anew every outage touching [from, to], widening the region until no group crosses its
   * edge.
   */
  private void recompute(Instant from, Instant to) {
    while (true) {
      for (Group g : overlapping(from, to)) {
        from = g.cluster().firstOnset().isBefore(from) ? g.cluster().firstOnset() : from;
        to = g.cluster().lastOnset().isAfter(to) ? g.cluster().lastOnset() : to;
      }
      // Windows inside a burst that touches the region may end up to two scan widths past it.
      Instant dataFrom = from.minus(reach);
      Instant dataTo = to.plus(reach).plus(detector.widest());
      List<Episode> episodes = new ArrayList<>(index.between(dataFrom, dataTo));
      List<Component> components = components(episodes, dataTo);
      Instant widenFrom = from;
      Instant widenTo = to;
      List<Component> touching = new ArrayList<>();
      for (Component c : components) {
        if (c.touches(from, to)) {
          touching.add(c);
          widenFrom = c.first().isBefore(widenFrom) ? c.first() : widenFrom;
          widenTo = c.last().isAfter(widenTo) ? c.last() : widenTo;
        }
      }
      if (widenFrom.equals(from) && widenTo.equals(to)) {
        for (Group g : overlapping(from, to)) {
          drop(g);
        }
        for (Component c : touching) {
          for (OutageCluster piece : cutBySpan(c.episodes())) {
            if (piece.providers().size() >= settings.minProviders()) {
              List<Burst> bursts =
                  c.bursts().stream()
                      .filter(b -> piece.episodes().containsAll(b.episodes()))
                      .toList();
              add(score(piece, bursts.isEmpty() ? c.bursts() : bursts, c.hasEvidence()));
            }
          }
        }
        return;
      }
      from = widenFrom;
      to = widenTo;
    }
  }

  private List<Group> overlapping(Instant from, Instant to) {
    List<Group> result = new ArrayList<>();
    // Groups span at most maxSpan, so only those starting that long before can reach into the
    // range.
    String low = groupKey(from.minus(settings.maxSpan()), "");
    String high = groupKey(to, "\uffff");
    for (Group g : groups.subMap(low, true, high, true).values()) {
      if (!g.cluster().lastOnset().isBefore(from) && !g.cluster().firstOnset().isAfter(to)) {
        result.add(g);
      }
    }
    return result;
  }

  private void add(Group g) {
    groups.put(g.key(), g);
    addedSinceDrain.add(g.key());
    g.outage().members().forEach(m -> touchedSinceDrain.add(m.key()));
    for (Episode e : g.cluster().episodes()) {
      memberOf.put(memberKey(e), g.key());
    }
  }

  private void drop(Group g) {
    groups.remove(g.key());
    g.outage().members().forEach(m -> touchedSinceDrain.add(m.key()));
    for (Episode e : g.cluster().episodes()) {
      memberOf.remove(memberKey(e), g.key());
    }
  }

  /** A connected group of linked episodes, before it is cut by span and scored. */
  private record Component(List<Episode> episodes, List<Burst> bursts, boolean hasEvidence) {
    Instant first() {
      return episodes.get(0).onset();
    }

    Instant last() {
      return episodes.get(episodes.size() - 1).onset();
    }

    boolean touches(Instant from, Instant to) {
      return !last().isBefore(from) && !first().isAfter(to);
    }
  }

  /**
   * The accepted components among episodes sorted by onset, whose data is complete up to {@code
   * dataEnd}.
   */
  private List<Component> components(List<Episode> episodes, Instant dataEnd) {
    int n = episodes.size();
    Map<Episode, Integer> position = new HashMap<>();
    for (int i = 0; i < n; i++) {
      position.put(episodes.get(i), i);
    }
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    boolean[] linked = new boolean[n];
    boolean[] evidence = new boolean[n];
    List<Burst> bursts = detector.minimalBursts(episodes, dataEnd);
    for (Burst b : bursts) {
      int first = position.get(b.episodes().get(0));
      for (Episode e : b.episodes()) {
        int i = position.get(e);
        union(parent, first, i);
        linked[i] = true;
      }
    }
    List<int[]> links = new EvidenceLinks(settings, upstreams).among(episodes);
    if (!links.isEmpty()) {
      // Evidence groups must convince on their own before they join anything.
      int[] evidenceParent = new int[n];
      for (int i = 0; i < n; i++) {
        evidenceParent[i] = i;
      }
      for (int[] l : links) {
        union(evidenceParent, l[0], l[1]);
      }
      Map<Integer, List<Integer>> groupsOf = new TreeMap<>();
      for (int[] l : links) {
        groupsOf.computeIfAbsent(find(evidenceParent, l[0]), k -> new ArrayList<>());
      }
      for (int i = 0; i < n; i++) {
        List<Integer> members = groupsOf.get(find(evidenceParent, i));
        if (members != null) {
          members.add(i);
        }
      }
      for (List<Integer> members : groupsOf.values()) {
        OutageCluster cluster = new OutageCluster(members.stream().map(episodes::get).toList());
        if (cluster.providers().size() < settings.minProviders()) {
          continue;
        }
        if (evidenceConfidence(cluster, new CauseFinder(upstreams).find(cluster), upstreams)
            >= settings.minConfidence()) {
          for (int i : members) {
            union(parent, members.get(0), i);
            linked[i] = true;
            evidence[i] = true;
          }
        }
      }
    }
    Map<Integer, List<Episode>> byRoot = new TreeMap<>();
    Map<Integer, Boolean> rootEvidence = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (linked[i]) {
        int root = find(parent, i);
        byRoot.computeIfAbsent(root, k -> new ArrayList<>()).add(episodes.get(i));
        rootEvidence.merge(root, evidence[i], Boolean::logicalOr);
      }
    }
    Map<Integer, List<Burst>> burstsByRoot = new HashMap<>();
    for (Burst b : bursts) {
      burstsByRoot
          .computeIfAbsent(find(parent, position.get(b.episodes().get(0))), k -> new ArrayList<>())
          .add(b);
    }
    List<Component> components = new ArrayList<>();
    byRoot.forEach(
        (root, members) ->
            components.add(
                new Component(
                    members, burstsByRoot.getOrDefault(root, List.of()), rootEvidence.get(root))));
    return components;
  }

  /** Splits a component (ordered by onset) wherever its span would exceed the maximum. */
  private List<OutageCluster> cutBySpan(List<Episode> component) {
    List<OutageCluster> pieces = new ArrayList<>();
    List<Episode> current = new ArrayList<>();
    for (Episode e : component) {
      if (!current.isEmpty()
          && Duration.between(current.get(0).onset(), e.onset()).compareTo(settings.maxSpan())
              > 0) {
        pieces.add(new OutageCluster(current));
        current = new ArrayList<>();
      }
      current.add(e);
    }
    pieces.add(new OutageCluster(current));
    return pieces;
  }

  private CoincidenceModel coincidenceAt(Instant t) {
    return fixedCoincidence != null ? fixedCoincidence : rates.coincidenceAt(t);
  }

  private double evidenceConfidence(
      OutageCluster cluster, Cause cause, EpisodeUpstreams upstreams) {
    double p = coincidenceAt(cluster.firstOnset()).probability(cluster.providers(), cluster.span());
    return Confidence.of(Confidence.prior(cluster, cause), p);
  }

  private Group score(OutageCluster cluster, List<Burst> bursts, boolean hasEvidence) {
    Cause cause = new CauseFinder(upstreams).find(cluster);
    Burst strongest =
        bursts.stream()
            .min(Comparator.comparingDouble(Burst::chancePerWeek).thenComparing(Burst::from))
            .orElse(null);
    double confidence = 0;
    double p = 1;
    if (hasEvidence) {
      p = coincidenceAt(cluster.firstOnset()).probability(cluster.providers(), cluster.span());
      confidence = Confidence.of(Confidence.prior(cluster, cause), p);
    }
    if (strongest != null) {
      double burst =
          Confidence.ofBurst(
              strongest.chancePerWeek(),
              settings.falseAlarmsPerWeek(),
              Confidence.blamesUnnamedUpstream(cluster));
      if (burst > confidence) {
        confidence = burst;
        p = Confidence.burstCoincidence(strongest.chancePerWeek());
      }
    }
    String id = Correlator.idOf(cluster);
    Outage outage =
        new Outage(
            id,
            List.copyOf(cluster.providers()),
            cluster.incidents().stream().map(Outage.Member::of).toList(),
            cluster.firstOnset(),
            cluster.lastOnset(),
            cluster.resolvedAt(),
            Math.round(confidence * 1000) / 1000.0,
            p,
            cause,
            new OutageStory(settings, upstreams, detector.tests())
                .tell(cluster, cause, strongest, hasEvidence ? p : Double.NaN));
    return new Group(groupKey(cluster.firstOnset(), id), cluster, List.copyOf(bursts), outage);
  }

  private static String groupKey(Instant firstOnset, String id) {
    return String.format("%020d|%s", firstOnset.toEpochMilli() - Long.MIN_VALUE / 2, id);
  }

  private static String memberKey(Episode e) {
    return e.provider() + "|" + e.onset().toEpochMilli();
  }

  /** The strongest window holding an episode's onset, significant or not: for explanations. */
  java.util.Optional<Burst> strongestWindowAround(Episode e) {
    Duration widest = detector.widest();
    List<Episode> near =
        new ArrayList<>(index.between(e.onset().minus(widest), e.onset().plus(widest)));
    return detector.strongestAround(near, e);
  }

  double ratePerDay(String provider, Instant t) {
    return rates.ratePerDay(provider, t, SeverityLevel.ANY);
  }

  List<Episode> episodes() {
    return new ArrayList<>(index.all());
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra < rb) {
      parent[rb] = ra;
    } else if (rb < ra) {
      parent[ra] = rb;
    }
  }
}
