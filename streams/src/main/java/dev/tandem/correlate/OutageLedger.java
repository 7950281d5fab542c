package dev.tandem.correlate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Turns successive outages into a lifecycle consumers can key a pager on: OPEN, UPDATED…, RESOLVED,
 * with a version that grows with every change, and one id for an outage's whole life.
 *
 * <p>The id rules: an outage is named after its earliest member incident ({@link Correlator#idOf}),
 * so its id is a function of its members, never of the order they arrived in (partitioning, replays
 * and crashes change that order). When a member with an earlier start joins a published outage, or
 * two published outages become one, each published id that no longer names an outage ends with a
 * final MERGED revision naming the id its members now belong to. A published outage whose members
 * no longer make any outage is retracted (a tombstone). One whose first member aged out is final
 * ({@link #retire}); what is left of it is not published again under its id.
 */
public final class OutageLedger {

  private static final Comparator<OutageRevision> OLDEST_FIRST =
      Comparator.comparing((OutageRevision r) -> r.outage().firstOnset())
          .thenComparing(OutageRevision::id);

  private final Map<String, OutageRevision> published = new TreeMap<>();
  private int openCount;

  /**
   * Ids no longer live (retracted or merged) → the last revision published under them: an id that
   * comes back continues from the next version, so no (id, version) is ever published twice.
   */
  private final Map<String, OutageRevision> ended = new TreeMap<>();

  /**
   * Published outages that aged out: final, kept only so that what is left of them is not published
   * again.
   */
  private final Set<String> retired = new TreeSet<>();

  /**
   * id → the last version found on the outage topic when this run started: after a {@code tandem
   * reset} the ledger starts empty, and an id it publishes again continues from there.
   */
  private Map<String, Integer> publishedBefore = Map.of();

  /** incident key → ids of the published outages it is a member of. */
  private final Map<String, Set<String>> byMember = new HashMap<>();

  public OutageLedger() {}

  /** A ledger that continues from what was published (restored from a store). */
  public OutageLedger(Collection<OutageRevision> restored) {
    restored.forEach(this::record);
  }

  /** How many published outages are open (OPEN or UPDATED): kept as they change, for a gauge. */
  public int openCount() {
    return openCount;
  }

  private void put(String id, OutageRevision revision) {
    OutageRevision before = published.put(id, revision);
    openCount += isOpen(revision) - isOpen(before);
  }

  private static int isOpen(OutageRevision revision) {
    return revision != null
            && (revision.state() == OutageRevision.State.OPEN
                || revision.state() == OutageRevision.State.UPDATED)
        ? 1
        : 0;
  }

  public Map<String, OutageRevision> published() {
    return java.util.Collections.unmodifiableMap(published);
  }

  /**
   * The changes that take the published revisions to the current outages of the whole state.
   *
   * @param knownIncidents keys of the incidents correlation still holds
   */
  public static List<OutageChange> reconcile(
      Map<String, OutageRevision> published,
      Collection<Outage> current,
      Set<String> knownIncidents) {
    OutageLedger ledger = new OutageLedger(published.values());
    return ledger.reconcile(current, ledger.published.keySet(), knownIncidents::contains);
  }

  /**
   * The changes for a region whose outages were worked out anew.
   *
   * @param current the outages of the region, as correlation now has them
   * @param affected ids of published outages that may have changed (besides those sharing members
   *     with {@code current})
   * @param held whether correlation still holds an incident (by key)
   */
  public List<OutageChange> reconcile(
      Collection<Outage> current, Collection<String> affected, Predicate<String> held) {
    Set<String> touched = new TreeSet<>(affected);
    touched.removeAll(retired);
    // What is left of an outage that aged out is not a new outage.
    List<Outage> outages =
        current.stream()
            .filter(o -> !o.members().stream().allMatch(m -> retiredMember(m.key())))
            .sorted(Comparator.comparing(Outage::firstOnset).thenComparing(Outage::id))
            .toList();
    Map<Outage, List<OutageRevision>> sharing = new LinkedHashMap<>();
    for (Outage outage : outages) {
      Set<String> ids = new TreeSet<>();
      for (Outage.Member m : outage.members()) {
        ids.addAll(byMember.getOrDefault(m.key(), Set.of()));
      }
      ids.removeAll(retired);
      touched.addAll(ids);
      List<OutageRevision> revisions = new ArrayList<>();
      ids.forEach(id -> revisions.add(published.get(id)));
      revisions.sort(OLDEST_FIRST);
      sharing.put(outage, revisions);
    }

    // Each current outage is named by its content (its earliest member, Correlator.idOf), so the
    // same incidents give the same ids whatever order they arrived in. A published outage sharing
    // members with it under another id ends MERGED into it: that is how an outage is renamed when a
    // backdated member joins it, and how two published outages become one.
    Map<Outage, String> idOf = new LinkedHashMap<>();
    Set<String> liveIds = new HashSet<>();
    for (Outage outage : outages) {
      String id = outage.id();
      // Only an outage that aged out (final, not touched) can hold the name: what is left of it
      // with new incidents is a new outage, and may not revise a final one.
      for (int n = 2;
          liveIds.contains(id) || (published.containsKey(id) && !touched.contains(id));
          n++) {
        id = outage.id() + "-" + n;
      }
      idOf.put(outage, id);
      liveIds.add(id);
    }

    List<OutageChange> changes = new ArrayList<>();
    Map<String, String> mergedInto = new TreeMap<>();
    for (Outage outage : outages) {
      String id = idOf.get(outage);
      for (OutageRevision r : sharing.get(outage)) {
        if (!liveIds.contains(r.id())) {
          mergedInto.putIfAbsent(r.id(), id);
        }
      }
    }
    for (Outage outage : outages) {
      Outage named = outage.withId(idOf.get(outage));
      OutageRevision previous = published.get(named.id());
      if (previous == null) {
        OutageRevision before = ended.remove(named.id());
        int version =
            Math.max(
                before == null ? 1 : before.version() + 1,
                publishedBefore.getOrDefault(named.id(), 0) + 1);
        changes.add(
            revise(
                new OutageRevision(
                    named,
                    named.isResolved() ? OutageRevision.State.RESOLVED : OutageRevision.State.OPEN,
                    version)));
      } else if (!previous.outage().equals(named)) {
        changes.add(
            revise(
                new OutageRevision(
                    named,
                    named.isResolved()
                        ? OutageRevision.State.RESOLVED
                        : OutageRevision.State.UPDATED,
                    previous.version() + 1)));
      }
    }
    mergedInto.forEach(
        (id, into) -> {
          OutageRevision last = published.get(id);
          OutageRevision merged =
              new OutageRevision(
                  last.outage(), OutageRevision.State.MERGED, last.version() + 1, into);
          changes.add(new OutageChange.Revised(merged));
          forget(id);
          ended.put(id, merged);
        });
    for (String id : touched) {
      OutageRevision previous = published.get(id);
      if (previous == null || liveIds.contains(id)) {
        continue;
      }
      boolean stillHeld = previous.outage().members().stream().anyMatch(m -> held.test(m.key()));
      forget(id);
      if (stillHeld) {
        changes.add(new OutageChange.Retracted(id, "its members no longer make an outage"));
        // A retraction counts as a version: the tombstone carries none, so it is remembered here.
        ended.put(
            id,
            new OutageRevision(
                previous.outage(),
                previous.state(),
                previous.version() + 1,
                previous.mergedInto()));
      }
    }
    return changes;
  }

  /**
   * Ends an outage whose members started to age out: it is final as last published (RESOLVED), or
   * gets a final EXPIRED revision when some member never resolved, returned for publishing.
   */
  public java.util.Optional<OutageRevision> retire(String id) {
    OutageRevision last = published.get(id);
    if (last == null || !retired.add(id)) {
      return java.util.Optional.empty();
    }
    if (last.state() == OutageRevision.State.RESOLVED
        || last.state() == OutageRevision.State.EXPIRED) {
      return java.util.Optional.empty();
    }
    OutageRevision expired =
        new OutageRevision(last.outage(), OutageRevision.State.EXPIRED, last.version() + 1);
    put(id, expired);
    return java.util.Optional.of(expired);
  }

  /** Ids that ended (retracted or merged) with their last revision, to keep across restarts. */
  public Map<String, OutageRevision> ended() {
    return java.util.Collections.unmodifiableMap(ended);
  }

  /**
   * The last version of each id published before this run (read from the outage topic at start).
   */
  public void continueVersionsFrom(Map<String, Integer> lastVersions) {
    publishedBefore = Map.copyOf(lastVersions);
  }

  /** Restores an ended id (from a store). */
  public void rememberEnded(OutageRevision last) {
    ended.put(last.id(), last);
  }

  /** Forgets ended ids whose outage began before {@code horizon}: they cannot come back. */
  public List<String> forgetEndedBefore(java.time.Instant horizon) {
    List<String> gone = new ArrayList<>();
    ended
        .values()
        .removeIf(
            r -> {
              boolean old = r.outage().firstOnset().isBefore(horizon);
              if (old) {
                gone.add(r.id());
              }
              return old;
            });
    return gone;
  }

  private boolean retiredMember(String key) {
    Set<String> ids = byMember.get(key);
    return ids != null && !ids.isEmpty() && retired.containsAll(ids);
  }

  /** Published outages that share a member with any of these incident keys. */
  public Set<String> publishedWith(Collection<String> incidentKeys) {
    Set<String> ids = new TreeSet<>();
    for (String key : incidentKeys) {
      ids.addAll(byMember.getOrDefault(key, Set.of()));
    }
    return ids;
  }

  /** Forgets an outage without publishing anything: its members aged out. */
  public void forget(String id) {
    retired.remove(id);
    OutageRevision r = published.remove(id);
    openCount -= isOpen(r);
    if (r != null) {
      for (Outage.Member m : r.outage().members()) {
        Set<String> ids = byMember.get(m.key());
        if (ids != null) {
          ids.remove(id);
          if (ids.isEmpty()) {
            byMember.remove(m.key());
          }
        }
      }
    }
  }

  private OutageChange revise(OutageRevision revision) {
    forget(revision.id());
    record(revision);
    return new OutageChange.Revised(revision);
  }

  private void record(OutageRevision revision) {
    if (revision.state() == OutageRevision.State.MERGED) {
      return;
    }
    put(revision.id(), revision);
    for (Outage.Member m : revision.outage().members()) {
      byMember.computeIfAbsent(m.key(), k -> new HashSet<>()).add(revision.id());
    }
  }
}
