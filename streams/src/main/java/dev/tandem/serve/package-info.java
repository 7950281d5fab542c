/**
 * Serving: the one HTTP layer of a Tandem process ({@link dev.tandem.serve.HttpLayer}) and the JSON
 * API over the pipeline's own stores (Kafka Streams interactive queries), answering from any
 * instance by forwarding to the one that holds the data. Depends on the stages' store names and
 * record shapes; no stage depends on it.
 */
package dev.tandem.serve;
