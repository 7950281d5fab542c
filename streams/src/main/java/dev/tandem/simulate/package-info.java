/**
 * simulate: deterministic synthetic traffic for measuring correlation at scale, where the right
 * answer is known because the simulator planted it ({@code tandem simulate}).
 *
 * <p>The model. N providers ({@code sim-01}…) each fail on their own as a Poisson process over the
 * simulated days, at a rate drawn log-uniform between once a quarter and once every two days (real
 * providers span that range, and a log scale gives quiet and noisy providers equal shares). On top
 * of that, K shared outages are planted: one upstream provider's incident and, up to a maximum lag
 * after its onset, incidents of 3 to 8 other providers chosen at random. Nothing in the records
 * reveals the link: no dependency is declared, titles are neutral and name no other provider,
 * components are empty, and planted incidents take their severity, length and phases from the same
 * distributions as background ones. Only their timing sets them apart, which is exactly what
 * correlation has to notice among the coincidences of N providers failing independently.
 *
 * <p>Every incident is four canonical {@code tandem} updates (investigating at the onset, then
 * identified, monitoring and resolved), each received 1 to 10 minutes after the provider posted it,
 * so records do not arrive in event order. The same settings and seed give the same bytes.
 */
package dev.tandem.simulate;
