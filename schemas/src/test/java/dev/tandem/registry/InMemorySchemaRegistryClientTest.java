package dev.tandem.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The in-memory registry keeps the real registry's id, version, compatibility and error semantics.
 */
class InMemorySchemaRegistryClientTest {

  private static final Schema V1 =
      record(
          """
            {"name": "id", "type": "string"}""");
  private static final Schema V2_DEFAULTED =
      record(
          """
            {"name": "id", "type": "string"}, {"name": "note", "type": "string", "default": ""}""");
  private static final Schema V2_REQUIRED =
      record(
          """
            {"name": "id", "type": "string"}, {"name": "note", "type": "string"}""");
  private static final Schema V3_REQUIRED_NOTE =
      record(
          """
            {"name": "id", "type": "string"}, {"name": "note", "type": "string"}, {"name": "n", "type": "int", "default": 0}""");
  private static final Schema WITHOUT_ID =
      record(
          """
            {"name": "note", "type": "string", "default": ""}""");

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void theSameSchemaGetsTheSameIdUnderEverySubject() {
    int first = registry.register("a-value", V1);
    int second = registry.register("b-value", V1);

    assertThat(second).isEqualTo(first);
    assertThat(registry.register("a-value", V2_DEFAULTED)).isNotEqualTo(first);
  }

  @Test
  void versionsCountFromOnePerSubjectAndReRegisteringAddsNone() {
    int otherId = registry.register("other-value", V2_DEFAULTED);
    int v1 = registry.register("a-value", V1);
    int v2 = registry.register("a-value", V2_DEFAULTED);
    registry.register("a-value", V2_DEFAULTED);
    registry.register("a-value", V1);

    assertThat(v2).isEqualTo(otherId);
    assertThat(registry.getLatest("a-value"))
        .isEqualTo(new RegisteredSchema("a-value", 2, v2, V2_DEFAULTED));
    assertThat(registry.lookUpId("a-value", V1)).isEqualTo(v1);
    assertThat(registry.getById(v1)).isEqualTo(V1);
  }

  @Test
  void backwardRejectsANewFieldWithoutDefaultWith409() {
    registry.register("a-value", V1);

    assertThatThrownBy(() -> registry.register("a-value", V2_REQUIRED))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.errorCode()).isEqualTo(409);
              assertThat(e.subject()).isEqualTo("a-value");
              assertThat(e.registryMessage())
                  .contains("incompatible with an earlier schema")
                  .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
            });
    assertThat(registry.isCompatible("a-value", V2_REQUIRED)).isFalse();
    assertThat(registry.isCompatible("a-value", V2_DEFAULTED)).isTrue();
    assertThat(registry.getLatest("a-value").version()).isEqualTo(1);
  }

  @Test
  void noneAcceptsAnything() {
    registry.setCompatibility("a-value", CompatibilityLevel.NONE);
    registry.register("a-value", V1);

    assertThat(registry.register("a-value", V2_REQUIRED)).isPositive();
  }

  @Test
  void forwardLetsOldReadersReadNewData() {
    registry.setCompatibility(null, CompatibilityLevel.FORWARD);
    registry.register("a-value", V1);

    assertThat(registry.isCompatible("a-value", V2_REQUIRED)).isTrue();
    assertThat(registry.isCompatible("a-value", WITHOUT_ID)).isFalse();
  }

  @Test
  void fullNeedsBothDirections() {
    registry.setCompatibility("a-value", CompatibilityLevel.FULL);
    registry.register("a-value", V1);

    assertThat(registry.isCompatible("a-value", V2_DEFAULTED)).isTrue();
    assertThat(registry.isCompatible("a-value", V2_REQUIRED)).isFalse();
  }

  @Test
  void transitiveLevelsCheckEveryEarlierVersionNotJustTheLatest() {
    registry.register("a-value", V1);
    registry.register("a-value", V2_DEFAULTED);
    registry.register("b-value", V1);
    registry.register("b-value", V2_DEFAULTED);
    registry.setCompatibility("b-value", CompatibilityLevel.BACKWARD_TRANSITIVE);

    // V3 reads V2 data (which has note) but not V1 data (which lacks it and V3 has no default).
    assertThat(registry.isCompatible("a-value", V3_REQUIRED_NOTE)).isTrue();
    assertThat(registry.isCompatible("b-value", V3_REQUIRED_NOTE)).isFalse();
  }

  @Test
  void levelsDefaultToBackwardAndSubjectsFallBackToTheGlobalLevel() {
    assertThat(registry.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);

    registry.setCompatibility(null, CompatibilityLevel.FULL_TRANSITIVE);
    registry.setCompatibility("a-value", CompatibilityLevel.NONE);

    assertThat(registry.getCompatibility("a-value")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(registry.getCompatibility("b-value")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
  }

  @Test
  void unknownIdsAndSubjectsAnswerLikeTheRealRegistry() {
    registry.register("a-value", V1);

    assertError(() -> registry.getById(999), 404, 40403, null);
    assertError(() -> registry.getLatest("missing-value"), 404, 40401, "missing-value");
    assertError(() -> registry.lookUpId("missing-value", V1), 404, 40401, "missing-value");
    assertError(() -> registry.lookUpId("a-value", V2_DEFAULTED), 404, 40403, "a-value");
  }

  @Test
  void concurrentRegistrationsOfOneSchemaYieldOneIdAndOneVersion() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    Set<Integer> ids = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        tasks.add(threads.submit(() -> ids.add(registry.register("a-value", V1))));
      }
      for (Future<?> task : tasks) {
        task.get(10, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(ids).hasSize(1);
    assertThat(registry.getLatest("a-value").version()).isEqualTo(1);
  }

  private static void assertError(Runnable call, int status, int errorCode, String subject) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(status);
              assertThat(e.errorCode()).isEqualTo(errorCode);
              assertThat(e.subject()).isEqualTo(subject);
              assertThat(e.getMessage())
                  .contains("HTTP " + status)
                  .contains(String.valueOf(errorCode));
            });
  }

  private static Schema record(String fields) {
    return new Schema.Parser()
        .parse("{\"type\": \"record\", \"name\": \"Thing\", \"fields\": [" + fields + "]}");
  }
}
