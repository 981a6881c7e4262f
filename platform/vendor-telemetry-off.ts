/**
 * Vendor telemetry is off in every casegraph process, whatever the environment says.
 *
 * `@apollo/gateway` starts an OpenTelemetry meter provider that exports instance metrics to
 * Apollo's public endpoint and runs cloud resource detectors (connections to 169.254.169.254,
 * DNS questions for metadata.google.internal) unless APOLLO_TELEMETRY_DISABLED is "1" or "true".
 * A system holding police records sends nothing anywhere its operator did not configure, so this
 * is not a setting: the variable is forced here, and `APOLLO_KEY`/`APOLLO_GRAPH_REF` (which would
 * switch Apollo Server's usage and schema reporting on) are removed. Import this module first in
 * an entry point, before anything that loads an Apollo library.
 *
 * test/e2e/no-outbound-connections.test.ts proves it: the graph, run with a preload that records
 * every connection attempt and DNS question, reaches nothing but loopback addresses.
 */
process.env.APOLLO_TELEMETRY_DISABLED = '1';
delete process.env.APOLLO_KEY;
delete process.env.APOLLO_GRAPH_REF;

export {};
