/**
 * The node:http options that name the server of `url`: `host` (an IPv6 address without its URL
 * brackets, as node:http wants it) and `port`. Not `hostname`, its alias: OpenTelemetry's HTTP
 * instrumentation joins `hostname` and `port` without a colon into an origin that does not parse,
 * and threw and caught a TypeError, its stack captured, on every outgoing request so named.
 */
export function requestTarget(url: URL): { protocol: string; host: string; port: string | undefined } {
  return { protocol: url.protocol, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port || undefined };
}
