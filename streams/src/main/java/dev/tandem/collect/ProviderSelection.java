package dev.tandem.collect;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which entries of a providers file a user watches: {@code --only} names ids, {@code --tags} kinds
 * of service (an entry having any of them); given both, an entry must pass both. Either left out
 * selects everything on its side. A name that selects nothing by mistake (an id the file lacks, a
 * tag Tandem does not know) is an error, not an empty watch list.
 */
public record ProviderSelection(List<String> ids, List<String> tags) {

  public static final ProviderSelection ALL = new ProviderSelection(List.of(), List.of());

  public ProviderSelection {
    ids = ids == null ? List.of() : List.copyOf(ids);
    tags = tags == null ? List.of() : List.copyOf(tags);
    List<String> unknown = tags.stream().filter(t -> !StatusPageSource.TAGS.contains(t)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "--tags names unknown tags: "
              + String.join(", ", unknown)
              + " (known: "
              + String.join(", ", StatusPageSource.TAGS)
              + ")");
    }
  }

  /** The selected entries in the file's order. */
  public List<StatusPageSource> of(List<StatusPageSource> all) {
    Set<String> known = all.stream().map(StatusPageSource::id).collect(Collectors.toSet());
    List<String> missing = ids.stream().filter(id -> !known.contains(id)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "--only names providers the file does not have: " + String.join(", ", missing));
    }
    Set<String> wantedIds = new LinkedHashSet<>(ids);
    List<StatusPageSource> selected =
        all.stream()
            .filter(s -> wantedIds.isEmpty() || wantedIds.contains(s.id()))
            .filter(s -> tags.isEmpty() || s.hasAnyTag(tags))
            .toList();
    if (selected.isEmpty()) {
      throw new IllegalArgumentException(
          "no provider of the file matches"
              + (ids.isEmpty() ? "" : " --only " + String.join(",", ids))
              + (tags.isEmpty() ? "" : " --tags " + String.join(",", tags)));
    }
    return selected;
  }
}
