package dev.tandem.serde;

import java.util.ArrayList;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * A generated class's SpecificData (same conversions) that decodes arrays into {@link ArrayList}s.
 * Avro's own GenericData.Array compares and hashes with a conversion-less model, so equals() and
 * hashCode() of a decoded record throw "Unknown datum type java.time.Instant" once an array holds
 * records with optional timestamps.
 */
final class PlainListSpecificData extends SpecificData {

  PlainListSpecificData(SpecificData model) {
    super(model.getClassLoader());
    model.getConversions().forEach(this::addLogicalTypeConversion);
    // Generated custom decoders and the fast reader build GenericData.Arrays themselves, bypassing
    // newArray.
    setCustomCoders(false);
    setFastReaderEnabled(false);
  }

  @Override
  public Object newArray(Object old, int size, Schema schema) {
    return new ArrayList<>(size);
  }
}
