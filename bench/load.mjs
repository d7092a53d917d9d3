#!/usr/bin/env node
// HTTP load generator: a fixed number of keep-alive connections, each sending its next request
// as soon as the last one is answered, for a fixed time. Reports requests per second, latency
// percentiles and the count of each status. Node built-ins only.
//
//   node bench/load.mjs --url URL [--connections 16] [--duration 10] [--method GET]
//                       [--header 'Authorization: Bearer ...']... [--body JSON] [--json]
//
// Prints a summary (or, with --json, the result object) and exits 1 if any response was a
// 5xx or a request failed. bench/load.sh runs it against served Django and Flask projects;
// the end-to-end tests import runLoad().
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * @typedef {object} LoadOptions
 * @property {string} url
 * @property {number} [connections] parallel keep-alive connections (default 16)
 * @property {number} [durationMs] how long to send (default 10 s); requests in flight then finish
 * @property {string} [method] default GET
 * @property {Record<string, string>} [headers]
 * @property {string | ((index: number) => string)} [body] a body, or one made per request
 * @property {(response: LoadResponse) => void} [onResponse] called for every answer
 * @property {number} [timeoutMs] per request (default 30 s); a timeout counts as an error
 *
 * @typedef {object} LoadResponse
 * @property {number} status
 * @property {string} body
 * @property {Record<string, string | string[] | undefined>} headers
 * @property {number} startedAt epoch ms the request was sent
 * @property {number} latencyMs
 */

/** Runs the load; resolves with requests, rps, latencyMs {mean, p50, p90, p99, max}, statuses, errors. */
export async function runLoad(options) {
  const connections = options.connections ?? 16;
  const durationMs = options.durationMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const statuses = {};
  const errorSamples = [];
  let errors = 0;
  let sent = 0;

  const send = (index) =>
    new Promise((resolve, reject) => {
      const body = typeof options.body === 'function' ? options.body(index) : options.body;
      const headers = { ...options.headers };
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const request = http.request(target, { method: options.method ?? 'GET', headers, agent }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      });
      request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      request.on('error', reject);
      request.end(body);
    });

  const started = performance.now();
  const deadline = started + durationMs;
  const connection = async () => {
    while (performance.now() < deadline) {
      const index = sent++;
      const startedAt = Date.now();
      const t0 = performance.now();
      try {
        const response = await send(index);
        const latencyMs = performance.now() - t0;
        latencies.push(latencyMs);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        options.onResponse?.({ ...response, startedAt, latencyMs });
      } catch (error) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(String(error?.message ?? error));
        // A refused connection fails at once: do not spin on it.
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, connection));
  const elapsedMs = performance.now() - started;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const percentile = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] : 0);
  const round = (ms) => Math.round(ms * 10) / 10;
  return {
    url: options.url,
    method: options.method ?? 'GET',
    connections,
    durationMs: Math.round(elapsedMs),
    requests: latencies.length,
    rps: Math.round((latencies.length / elapsedMs) * 1000 * 10) / 10,
    latencyMs: {
      mean: round(latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1)),
      p50: round(percentile(50)),
      p90: round(percentile(90)),
      p99: round(percentile(99)),
      max: round(latencies.at(-1) ?? 0),
    },
    statuses,
    errors,
    errorSamples,
  };
}

/** Counts of 5xx answers in a result's statuses. */
export const serverErrors = (result) =>
  Object.entries(result.statuses).reduce((sum, [status, count]) => (Number(status) >= 500 ? sum + count : sum), 0);

/** One line: "1234.5 req/s, p50 3.2 ms, p99 12.0 ms, 200: 24690". */
export const summarise = (result) =>
  `${result.rps} req/s over ${result.connections} connections for ${(result.durationMs / 1000).toFixed(1)} s, ` +
  `p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, max ${result.latencyMs.max} ms, ` +
  Object.entries(result.statuses)
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ') +
  (result.errors ? `, failed requests: ${result.errors} (${result.errorSamples.join('; ')})` : '');

// Run as a command, not when imported (nor when bundled into bench/load-run.ts by bench/load.sh).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && import.meta.url.endsWith('/load.mjs')) {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      connections: { type: 'string', default: '16' },
      duration: { type: 'string', default: '10' },
      method: { type: 'string', default: 'GET' },
      header: { type: 'string', multiple: true, default: [] },
      body: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.url) {
    console.error('usage: node bench/load.mjs --url URL [--connections N] [--duration SECONDS] [--header "Name: value"]... [--json]');
    process.exit(2);
  }
  const headers = Object.fromEntries(
    values.header.map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }),
  );
  const result = await runLoad({
    url: values.url,
    connections: Number(values.connections),
    durationMs: Number(values.duration) * 1000,
    method: values.method,
    headers,
    body: values.body,
  });
  console.log(values.json ? JSON.stringify(result, null, 2) : summarise(result));
  process.exit(serverErrors(result) || result.errors ? 1 : 0);
}
