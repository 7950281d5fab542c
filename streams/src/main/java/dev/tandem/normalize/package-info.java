/**
 * normalize: turns raw vendor status payloads (the values of {@code tandem.status.raw}) into Avro
 * {@link dev.tandem.contract.StatusUpdate} records, one adapter per vendor format. Adapters are
 * pure functions that never throw for bad input; {@link dev.tandem.normalize.Normalizer} picks one
 * by the {@code tandem.format} header or by looking at the payload.
 */
package dev.tandem.normalize;
