/**
 * The raw-record contract (design §2): what a producer of {@code tandem.status.raw} writes (the key
 * names the provider; the headers name the format, the source and when it was fetched) and what the
 * normalize stage reads. Collectors, scenarios, the demo and evaluation all write it; it depends on
 * none of them.
 */
package dev.tandem.raw;
