#!/usr/bin/env node
// graphql-http's GraphQL-over-HTTP server audit against a running API.
//
//   node .ci/audit/audit.mjs http://127.0.0.1:8000/graphql
//
// One line per audit (status, id, name; the reason, the request sent and the
// response received for every audit that is not 'ok'), then a summary line.
// Exit codes: 0 every audit ok; 1 any audit warn, error or notice (a failed
// SHOULD warns, a failed MUST errors, a failed MAY is a 'notice');
// 2 the server cannot be reached (refused, reset, DNS, time-out);
// 3 the audit could not run for another reason (bad usage, a bug here or in the library).
import { auditServer } from 'graphql-http';

const REQUEST_TIMEOUT_MS = 10_000;
const BODY_PREVIEW_CHARS = 800;
const EXCHANGE = Symbol('exchange'); // the request that produced a Response

function usage(message) {
  console.error(`audit.mjs: ${message}\nusage: node audit.mjs URL   (e.g. http://127.0.0.1:8000/graphql)`);
  process.exit(3);
}

const args = process.argv.slice(2);
if (args.length !== 1) usage('expected exactly one argument, the GraphQL endpoint URL');
let url;
try {
  url = new URL(args[0]).toString();
} catch {
  usage(`not a URL: ${args[0]}`);
}

// Node 20's global fetch, with a time-out per request and a note of what was sent,
// so a failing audit can show its request. graphql-http hands some results a
// clone of the response (to re-read the body): the note follows the clones.
function remember(response, exchange) {
  response[EXCHANGE] = exchange;
  const clone = response.clone.bind(response);
  response.clone = () => remember(clone(), exchange);
  return response;
}

async function auditFetch(input, init = {}) {
  const exchange = {
    method: init.method ?? 'GET',
    url: String(input),
    headers: { ...(init.headers ?? {}) },
    body: init.body,
  };
  const response = await fetch(input, { ...init, signal: init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  return remember(response, exchange);
}

// Connection-level failures: undici throws TypeError('fetch failed') with the system error as cause.
function unreachable(error) {
  if (error?.name === 'TimeoutError' || error?.name === 'AbortError') return true;
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  const code = error?.cause?.code ?? error?.code;
  return typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code);
}

function describeError(error) {
  const cause = error?.cause;
  const detail = cause ? ` (${cause.code ?? cause.name ?? ''}${cause.message ? `: ${cause.message}` : ''})` : '';
  return `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}${detail}`;
}

function oneLine(text, limit = BODY_PREVIEW_CHARS) {
  const flat = String(text).replace(/\s*\n\s*/g, ' ');
  return flat.length > limit ? `${flat.slice(0, limit)}… (${flat.length} chars)` : flat;
}

async function responseBody(response) {
  if (response.bodyUsed) return '(body already read by the audit)';
  try {
    const text = await response.text();
    return text === '' ? '(empty)' : oneLine(text);
  } catch (error) {
    return `(unreadable: ${describeError(error)})`;
  }
}

async function details(result) {
  const lines = [`    reason:   ${result.reason}`];
  const response = result.response;
  const exchange = response?.[EXCHANGE];
  if (exchange) {
    const headers = Object.entries(exchange.headers).map(([k, v]) => `${k}: ${v}`).join('; ') || '(none)';
    lines.push(`    request:  ${exchange.method} ${exchange.url}`);
    lines.push(`              headers: ${headers}`);
    lines.push(`              body: ${exchange.body === undefined ? '(none)' : oneLine(exchange.body)}`);
  }
  if (response && typeof response.status === 'number') {
    lines.push(`    response: ${response.status} ${response.statusText}`.trimEnd());
    lines.push(`              content-type: ${response.headers.get('content-type') ?? '(none)'}`);
    lines.push(`              body: ${await responseBody(response)}`);
  }
  return lines.join('\n');
}

let results;
try {
  results = await auditServer({ url, fetchFn: auditFetch });
} catch (error) {
  if (unreachable(error)) {
    console.error(`audit.mjs: cannot reach ${url}: ${describeError(error)}`);
    process.exit(2);
  }
  console.error(`audit.mjs: the audit crashed: ${error?.stack ?? describeError(error)}`);
  process.exit(3);
}

const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status] = (counts[result.status] ?? 0) + 1;
  console.log(`${result.status.padEnd(6)} ${result.id}  ${result.name}`);
  if (result.status !== 'ok') console.log(await details(result));
}
const failed = results.length - counts.ok;
const breakdown = Object.entries(counts).map(([status, n]) => `${n} ${status}`).join(', ');
console.log(`\ngraphql-http ${url}: ${results.length} audits, ${breakdown}`);
if (results.length === 0) {
  console.error('audit.mjs: the library returned no audits');
  process.exit(3);
}
process.exit(failed === 0 ? 0 : 1);
