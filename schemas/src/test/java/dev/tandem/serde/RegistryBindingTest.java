package dev.tandem.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A serde closes the registry client it built, never one it was given. */
class RegistryBindingTest {

  @Test
  void closesTheClientItBuiltFromTheConfigs() {
    RegistryBinding binding = new RegistryBinding(null);
    binding.configure(Map.of("schema.registry.url", "http://127.0.0.1:8080/apis/ccompat/v7"));
    SchemaRegistryClient built = binding.client();

    binding.close();

    assertThat(built).isInstanceOf(RestSchemaRegistryClient.class);
    assertThatThrownBy(() -> built.getById(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void leavesAnInjectedClientOpenAndIgnoresTheUrl() {
    RecordingRegistryClient injected = new RecordingRegistryClient();
    RegistryBinding binding = new RegistryBinding(injected);
    binding.configure(Map.of("schema.registry.url", "http://elsewhere:8081"));

    binding.close();

    assertThat(binding.client()).isSameAs(injected);
    assertThat(injected.closeCalls).hasValue(0);
  }

  @Test
  void explainsWhatIsMissingBeforeConfigure() {
    assertThatThrownBy(() -> new RegistryBinding(null).client())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("configure(configs, isKey)")
        .hasMessageContaining("schema.registry.url");
  }
}
