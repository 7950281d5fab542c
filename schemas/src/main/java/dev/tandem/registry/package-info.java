/**
 * A client for the Confluent Schema Registry REST API (Confluent, or Apicurio's {@code
 * /apis/ccompat/v7}), configured with Confluent's key names ({@link
 * dev.tandem.registry.RegistryClientConfig}), and an in-memory registry for tests.
 */
package dev.tandem.registry;
