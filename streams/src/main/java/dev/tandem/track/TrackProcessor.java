package dev.tandem.track;

import dev.tandem.contract.Incident;
import dev.tandem.contract.IncidentHistory;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.normalize.NormalizeProcessor;
import dev.tandem.normalize.TextLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The track stage: keeps every distinct update of each incident and publishes the incident's
 * lifecycle, folded by {@link IncidentLifecycle}, on every change. Updates arrive keyed by
 * provider, so all updates of an incident meet in the same task.
 */
public final class TrackProcessor
    extends ContextualProcessor<String, StatusUpdate, String, Incident> {

  /** provider/incidentId → every distinct update of that incident. */
  public static final String HISTORY_STORE = "track-incident-history";

  /** provider/component:&lt;id&gt; → the latest degradation of a Statuspage component. */
  public static final String DEGRADATIONS_STORE = ComponentDegradations.STORE;

  private KeyValueStore<String, IncidentHistory> histories;
  private ComponentDegradations degradations;
  private Sensor operationalComponents;
  private Sensor repeatedUpdates;

  @Override
  public void init(ProcessorContext<String, Incident> context) {
    super.init(context);
    histories = context.getStateStore(HISTORY_STORE);
    degradations = new ComponentDegradations(context.getStateStore(ComponentDegradations.STORE));
    // Nothing is dropped silently: what the tracker skips, it counts.
    operationalComponents =
        context
            .metrics()
            .addRateTotalSensor(
                "tandem", "track", "operational-component-updates", Sensor.RecordingLevel.INFO);
    repeatedUpdates =
        context
            .metrics()
            .addRateTotalSensor("tandem", "track", "repeated-updates", Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(Record<String, StatusUpdate> record) {
    if (record.value() == null) {
      return;
    }
    StatusUpdate update = TextLimits.forHistory(record.value());
    if (ComponentDegradations.isComponentStatus(update)) {
      Optional<StatusUpdate> degradation = degradations.assign(update);
      if (degradation.isEmpty()) {
        // A component that is simply operational was never an incident: nothing to resolve.
        operationalComponents.record();
        return;
      }
      update = degradation.get();
    }
    String key = update.getProvider() + "/" + update.getIncidentId();
    IncidentHistory history = histories.get(key);
    List<StatusUpdate> updates =
        new ArrayList<>(history == null ? List.of() : history.getUpdates());
    int same = indexOf(updates, update.getUpdateId());
    if (same >= 0) {
      StatusUpdate standing = IncidentLifecycle.laterEdit(updates.get(same), update);
      if (standing.equals(updates.get(same))) {
        repeatedUpdates.record();
        return;
      }
      updates.set(same, standing);
    } else {
      updates.add(update);
    }
    histories.put(key, IncidentHistory.newBuilder().setUpdates(updates).build());
    Incident incident = IncidentLifecycle.fold(updates);
    // The incident's way in, raw partition and then updates partition ("raw/2>updates/2"; only
    // "updates/1" when published to the updates topic directly): each way is in order, so the
    // correlate stage's clock waits for the slowest of them.
    Header from = record.headers().lastHeader(NormalizeProcessor.SOURCE_HEADER);
    String path =
        (from == null ? "" : new String(from.value(), StandardCharsets.UTF_8) + ">")
            + "updates/"
            + context().recordMetadata().map(m -> m.partition()).orElse(0);
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.remove(NormalizeProcessor.SOURCE_HEADER);
    headers.add(NormalizeProcessor.SOURCE_HEADER, path.getBytes(StandardCharsets.UTF_8));
    context().forward(record.withKey(key).withValue(incident).withHeaders(headers));
  }

  private static int indexOf(List<StatusUpdate> updates, String updateId) {
    for (int i = 0; i < updates.size(); i++) {
      if (updates.get(i).getUpdateId().equals(updateId)) {
        return i;
      }
    }
    return -1;
  }
}
