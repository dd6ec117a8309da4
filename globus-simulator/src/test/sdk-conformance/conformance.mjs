#!/usr/bin/env node
// Official-SDK conformance of the Globus simulator: drives the simulator through @globus/sdk's own service functions
// (Auth and Transfer, access rules included) and its error helpers, and checks the answers against the fact sheets
// (../shared/docs/globus-api.md, globus-sharing-oidc.md) and the SDK's own TypeScript types.
//
//   node conformance.mjs --base http://127.0.0.1:PORT/ [--token TRANSFER_TOKEN] [--client-id UUID]
//   node conformance.mjs --auth URL --transfer URL --control URL/sim/ [...]
//
// --base sets all three: Auth and Transfer at the root (the SDK appends /v2/... and /v0.10/...), the control API at
// BASE/sim/, which is used only to seed what the checks need (identities, endpoints over temporary folders, a guest
// collection, faults, held transfers). --token: a Transfer access token of the simulator's default identity (e.g.
// sim.defaultIdentityTokens().accessToken()); without it the token the SDK's own sign-in gets is used. The harness
// writes its files into a temporary folder the simulator serves as endpoint roots: run it on the simulator's machine.
//
// Every check prints one line, `PASS name` or `FAIL name: reason`; `NOTE` lines say where the fact sheet and the
// SDK's typings differ (the fact sheet wins). Exit status 1 when a check failed, 2 on bad arguments.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as sdk from '@globus/sdk';
import { conform, sdkVersion } from './sdk-types.mjs';

// ---------------------------------------------------------------------------------------------------- arguments
function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) usage(`unexpected argument ${a}`);
    out[m[1]] = m[2] !== undefined ? m[2] : argv[(i += 1)];
    if (out[m[1]] === undefined) usage(`--${m[1]} needs a value`);
  }
  return out;
}

function usage(problem) {
  console.error(`conformance.mjs: ${problem}`);
  console.error('usage: node conformance.mjs --base http://HOST:PORT/ [--token TRANSFER_TOKEN] [--client-id UUID]');
  console.error('       node conformance.mjs --auth URL --transfer URL --control URL [--token ...] [--client-id ...]');
  process.exit(2);
}

const slash = (u) => (u.endsWith('/') ? u : `${u}/`);
const args = parseArgs(process.argv.slice(2));
const known = ['base', 'auth', 'transfer', 'control', 'token', 'client-id'];
for (const k of Object.keys(args)) if (!known.includes(k)) usage(`unknown option --${k}`);
if (!args.base && !(args.auth && args.transfer && args.control)) usage('give --base, or --auth, --transfer and --control');
const AUTH_URL = slash(args.auth || args.base);
const TRANSFER_URL = slash(args.transfer || args.base);
const CONTROL_URL = slash(args.control || `${slash(args.base)}sim/`);
const CLIENT_ID = args['client-id'] || randomUUID();
const REDIRECT = 'http://127.0.0.1/sdk-conformance/callback';

// The SDK's own override: GLOBUS_SDK_SERVICE_URL_<SERVICE> (core/global.js getServiceBaseUrl, read on every call;
// in a browser the same keys are read from window). The SDK builds URLs with new URL('/v0.10/...', base).
process.env.GLOBUS_SDK_SERVICE_URL_AUTH = AUTH_URL;
process.env.GLOBUS_SDK_SERVICE_URL_TRANSFER = TRANSFER_URL;

// ---------------------------------------------------------------------------------------------------- checks
let failures = 0;
let passes = 0;
const notes = new Set();

function oneLine(s) {
  return String(s).replace(/\s+/g, ' ').trim().slice(0, 600);
}

async function check(name, fn) {
  try {
    await fn();
    passes += 1;
    console.log(`PASS ${name}`);
  } catch (e) {
    failures += 1;
    console.log(`FAIL ${name}: ${oneLine(e && e.message ? e.message : e)}`);
  }
}

class CheckError extends Error {}

function expect(cond, message) {
  if (!cond) throw new CheckError(message);
}

function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new CheckError(`${what}: expected ${e}, got ${a}`);
}

function need(value, what) {
  if (value === undefined || value === null) throw new CheckError(`prerequisite missing: ${what} (an earlier check failed)`);
  return value;
}

const T = {
  endpoint: 'services/transfer/service/endpoint.d.ts',
  task: 'services/transfer/service/task.d.ts',
  submit: 'services/transfer/service/task-submission.d.ts',
  access: 'services/transfer/service/access.d.ts',
  files: 'services/transfer/service/file-operations.d.ts',
  types: 'services/transfer/types.d.ts',
};

/** Fails on any field of `doc` that does not fit the SDK's declared type. */
function shape(doc, file, type, allow) {
  const found = [];
  const problems = conform(doc, file, type, { allow, notes: found });
  found.forEach((n) => notes.add(n));
  if (problems.length) throw new CheckError(problems.join('; '));
}

function shapeEach(list, file, type, allow) {
  expect(Array.isArray(list), `DATA is ${JSON.stringify(list)}, not a list`);
  list.forEach((d) => shape(d, file, type, allow));
}

/** A Transfer error document: the SDK's ErrorDocument type, isErrorWellFormed, and the expected status and code. */
function transferError(res, status, code) {
  eq(res.status, status, `HTTP status (${res.url})`);
  expect(sdk.errors.isErrorWellFormed(res.body), `errors.isErrorWellFormed is false for ${JSON.stringify(res.body)}`);
  shape(res.body, T.types, 'ErrorDocument');
  if (code instanceof RegExp) expect(code.test(res.body.code), `code ${res.body.code} does not match ${code}`);
  else eq(res.body.code, code, 'error code');
  expect(!('DATA_TYPE' in res.body), 'error documents carry no DATA_TYPE (globus-api.md §1.2)');
}

/** Awaits an SDK call and reads its body (JSON when it parses). */
async function call(promise) {
  const res = await promise;
  const text = await res.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, ok: res.ok, body, url: res.url, headers: res.headers };
}

const bearer = (token) => ({ Authorization: `Bearer ${token}` });

const TASK_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/;
const FILE_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------- control API
async function sim(method, p, body) {
  const res = await fetch(new URL(p, CONTROL_URL), {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  if (!res.ok) throw new CheckError(`control API ${method} ${p} answered ${res.status}: ${text}`);
  return json;
}

async function tokenRequests() {
  const stats = await sim('GET', 'stats');
  return stats.requests['POST /auth/v2/oauth2/token'] || 0;
}

// ---------------------------------------------------------------------------------------------------- browser shim
// The SDK's AuthorizationManager signs in with its RedirectTransport: window.location.assign(authorize URL), then
// handleCodeRedirect() reads ?code=&state= from window.location.href, checks the state and the PKCE verifier it kept
// in sessionStorage, and exchanges the code with auth.oauth2.token.exchange. A minimal window lets that exact code run
// under Node; the user's click on "Allow" is the simulator's /sim/authorize. While the shim is installed the SDK reads
// its GLOBUS_SDK_* settings from window (as in a browser), so they are copied there.
class PlainStorage {
  getItem(k) { return Object.prototype.hasOwnProperty.call(this, k) ? this[k] : null; }
  setItem(k, v) { this[k] = String(v); }
  removeItem(k) { delete this[k]; }
  clear() { Object.keys(this).forEach((k) => delete this[k]); }
  key(i) { return Object.keys(this)[i] ?? null; }
  get length() { return Object.keys(this).length; }
}

async function inBrowser(fn) {
  const assigned = [];
  const location = {
    href: REDIRECT,
    assign(u) { assigned.push(String(u)); },
    replace(u) { this.href = String(u); },
  };
  globalThis.window = {
    location,
    GLOBUS_SDK_SERVICE_URL_AUTH: AUTH_URL,
    GLOBUS_SDK_SERVICE_URL_TRANSFER: TRANSFER_URL,
  };
  globalThis.sessionStorage = new PlainStorage();
  try {
    return await fn({ location, assigned });
  } finally {
    delete globalThis.window;
    delete globalThis.sessionStorage;
  }
}

/** Approves the authorize URL the SDK navigated to, as `identity`, and lands on the redirect with the code. */
async function approve(browser, identity) {
  expect(browser.assigned.length === 1, `the SDK navigated ${browser.assigned.length} times, expected once`);
  const url = new URL(browser.assigned.pop());
  const query = new URLSearchParams(url.search);
  if (identity) query.set('identity', identity);
  const granted = await sim('GET', `authorize?${query}`);
  expect(granted.code, `/sim/authorize gave no code: ${JSON.stringify(granted)}`);
  eq(granted.state, url.searchParams.get('state'), 'state echoed by the authorization');
  browser.location.href = `${granted.redirect_uri}?code=${encodeURIComponent(granted.code)}&state=${encodeURIComponent(granted.state)}`;
  return { url, code: granted.code };
}

function newManager(scopes) {
  return sdk.authorization.create({ client: CLIENT_ID, redirect: REDIRECT, scopes, storage: new PlainStorage() });
}

// ---------------------------------------------------------------------------------------------------- state
const ctx = {};
const runId = `sdkc${randomBytes(4).toString('hex')}`;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sdk-conformance-'));
const sizes = { 'images/a.sif': 1000, 'images/.hidden': 10, 'images/sub/b.sif': 2000, 'notes.txt': 300 };

function writeFiles() {
  for (const [rel, size] of Object.entries(sizes)) {
    mkdirSync(path.dirname(path.join(tmp, 'alpha', rel)), { recursive: true });
    writeFileSync(path.join(tmp, 'alpha', rel), randomBytes(size));
  }
  mkdirSync(path.join(tmp, 'alpha', 'shared', 'u', 'bob'), { recursive: true });
  writeFileSync(path.join(tmp, 'alpha', 'shared', 'u', 'bob', 'data.sif'), randomBytes(500));
  for (const d of ['beta', 'gamma', 'consent', 'bobs']) mkdirSync(path.join(tmp, d), { recursive: true });
  writeFileSync(path.join(tmp, 'consent', 'inside.txt'), 'behind a data_access consent');
  writeFileSync(path.join(tmp, 'bobs', 'upload.sif'), randomBytes(700));
}

async function waitForTask(taskId, headers, until = (t) => t.status !== 'ACTIVE') {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await call(sdk.transfer.task.get(taskId, { headers }));
    if (r.status !== 200) throw new CheckError(`task.get ${taskId} answered ${r.status}: ${JSON.stringify(r.body)}`);
    if (until(r.body)) return r.body;
    if (Date.now() > deadline) throw new CheckError(`task ${taskId} still ${r.body.status} after 30 s`);
    await sleep(50);
  }
}

async function submit(headers, payload) {
  const sid = await call(sdk.transfer.taskSubmission.submissionId({ headers }));
  expect(sid.status === 200, `submission_id answered ${sid.status}`);
  return call(sdk.transfer.taskSubmission.submitTransfer({
    payload: { submission_id: sid.body.value, ...payload }, headers,
  }));
}

// ==================================================================================================== run
console.log(`INFO @globus/sdk ${sdkVersion()}; Auth ${AUTH_URL}; Transfer ${TRANSFER_URL}; control ${CONTROL_URL}; run ${runId}`);

await check('sdk.service-urls', async () => {
  eq(sdk.auth.getTokenEndpoint(), `${AUTH_URL}v2/oauth2/token`, 'auth.getTokenEndpoint()');
  eq(sdk.auth.getAuthorizationEndpoint(), `${AUTH_URL}v2/oauth2/authorize`, 'auth.getAuthorizationEndpoint()');
  const r = await call(sdk.transfer.endpointSearch({ query: { filter_scope: 'my-endpoints' } }));
  expect(r.url.startsWith(`${TRANSFER_URL}v0.10/endpoint_search`), `the SDK called ${r.url}`);
  transferError(r, 401, 'ClientError.AuthenticationFailed'); // no token given: the simulator, not a 404, answers
});

// ---------------------------------------------------------------------------------------------------- Auth
await check('auth.login.pkce', async () => {
  const manager = newManager(sdk.transfer.CONFIG.SCOPES.ALL);
  await inBrowser(async (browser) => {
    await manager.login({ additionalParams: { access_type: 'offline' } });
    const { url, code } = await approve(browser);
    eq(`${url.origin}${url.pathname}`, `${AUTH_URL}v2/oauth2/authorize`, 'authorize endpoint');
    for (const p of ['client_id', 'redirect_uri', 'scope', 'state', 'code_challenge']) {
      expect(url.searchParams.get(p), `authorize URL lacks ${p}`);
    }
    eq(url.searchParams.get('code_challenge_method'), 'S256', 'code_challenge_method');
    ctx.loginResponse = await manager.handleCodeRedirect();
    ctx.code = code;
    eq(new URL(browser.location.href).searchParams.get('code'), null, 'the SDK removed ?code= from the location');
  });
  const r = ctx.loginResponse;
  expect(!r.error && !r.errors, `token exchange failed: ${JSON.stringify(r)}`);
  expect(sdk.auth.isGlobusAuthTokenResponse(r), `not a Globus Auth token response: ${JSON.stringify(r)}`);
  expect(manager.authenticated, 'manager.authenticated is false after the sign-in');
  ctx.manager = manager;
});

await check('auth.token-response', async () => {
  const r = need(ctx.loginResponse, 'sign-in');
  expect(Array.isArray(r.other_tokens), 'other_tokens is not a list (globus-api.md §2.3: always present)');
  const all = [r, ...r.other_tokens];
  const byRs = Object.fromEntries(all.map((t) => [t.resource_server, t]));
  eq(Object.keys(byRs).sort(), ['auth.globus.org', 'transfer.api.globus.org'], 'one token per resource server');
  for (const t of all) {
    expect(typeof t.access_token === 'string' && t.access_token.length > 0, `${t.resource_server}: access_token`);
    expect(Number.isInteger(t.expires_in) && t.expires_in > 0, `${t.resource_server}: expires_in ${t.expires_in}`);
    eq(t.token_type, 'Bearer', `${t.resource_server}: token_type`);
    expect(typeof t.scope === 'string', `${t.resource_server}: scope`);
    expect(typeof t.refresh_token === 'string' && t.refresh_token.length > 0,
      `${t.resource_server}: no refresh_token although access_type=offline`);
  }
  expect(byRs['transfer.api.globus.org'].scope.split(' ').includes(sdk.transfer.CONFIG.SCOPES.ALL), 'transfer scope');
  eq(byRs['auth.globus.org'].scope.split(' ').sort(), ['email', 'openid', 'profile'], 'auth.globus.org scopes');
  expect(typeof byRs['auth.globus.org'].id_token === 'string', 'no id_token with openid');
  const m = need(ctx.manager, 'manager');
  eq(m.tokens.transfer && m.tokens.transfer.access_token, byRs['transfer.api.globus.org'].access_token, 'manager.tokens.transfer');
  eq(m.tokens.auth && m.tokens.auth.access_token, byRs['auth.globus.org'].access_token, 'manager.tokens.auth');
  ctx.loginTransfer = byRs['transfer.api.globus.org'];
});

await check('auth.id-token.claims', async () => {
  const user = need(ctx.manager, 'manager').user; // jwt-decode of the id_token, as the SDK does it
  expect(user, 'manager.user is null');
  eq(user.aud, CLIENT_ID, 'aud');
  expect(UUID.test(user.sub), `sub ${user.sub} is not an identity UUID`);
  for (const c of ['iss', 'preferred_username', 'name', 'email', 'identity_provider', 'exp', 'iat']) {
    expect(user[c] !== undefined && user[c] !== null, `id_token lacks ${c}`);
  }
  expect(user.exp > Date.now() / 1000, 'id_token already expired');
  ctx.sub = user.sub;
  ctx.username = user.preferred_username;
});

await check('auth.userinfo', async () => {
  const m = need(ctx.manager, 'manager');
  const r = await call(sdk.auth.oauth2.userinfo({ headers: bearer(m.tokens.auth.access_token) }));
  eq(r.status, 200, `userinfo status (${JSON.stringify(r.body)})`);
  eq(r.body.sub, ctx.sub, 'userinfo sub = id_token sub');
  eq(r.body.preferred_username, ctx.username, 'preferred_username');
  for (const c of ['name', 'email', 'organization', 'identity_provider']) expect(c in r.body, `userinfo lacks ${c}`);
  const bad = await call(sdk.auth.oauth2.userinfo({ headers: bearer('not-a-token') }));
  eq(bad.status, 401, 'userinfo with a bad token');
  expect(Array.isArray(bad.body.errors) && bad.body.errors[0].code === 'UNAUTHORIZED',
    `Auth error body ${JSON.stringify(bad.body)} (globus-api.md §2.4)`);
});

await check('auth.code-single-use', async () => {
  const r = await call(sdk.auth.oauth2.token.exchange({
    payload: { grant_type: 'authorization_code', code: need(ctx.code, 'code'), client_id: CLIENT_ID,
      redirect_uri: REDIRECT, code_verifier: 'x'.repeat(43) },
  }));
  expect([400, 401].includes(r.status), `a used code answered ${r.status}`);
  eq(r.body.error, 'invalid_grant', 'error');
});

await check('auth.refresh', async () => {
  const m = need(ctx.manager, 'manager');
  const before = m.tokens.transfer;
  const r = await m.refreshToken(before);
  expect(r, 'manager.refreshToken returned null (the answer was not a Globus Auth token response)');
  eq(r.resource_server, 'transfer.api.globus.org', 'resource_server');
  expect(r.access_token !== before.access_token, 'the refresh gave the same access token');
  eq(r.other_tokens, [], 'other_tokens of a refresh (globus-api.md §2.3)');
  eq(m.tokens.transfer.access_token, r.access_token, 'manager stored the new access token');
  eq(m.tokens.transfer.refresh_token, r.refresh_token || before.refresh_token, 'manager stored the refresh token');
  const ok = await call(sdk.transfer.endpointSearch({ query: { filter_scope: 'my-endpoints' }, manager: m }));
  eq(ok.status, 200, 'the refreshed token works');
});

await check('auth.refresh.invalid-grant', async () => {
  const r = await call(sdk.auth.oauth2.token.refresh({
    payload: { grant_type: 'refresh_token', refresh_token: 'not-a-refresh-token', client_id: CLIENT_ID },
  }));
  expect([400, 401].includes(r.status), `status ${r.status}`);
  eq(r.body.error, 'invalid_grant', 'error (globus-api.md §2.3)');
  const m = newManager(sdk.transfer.CONFIG.SCOPES.ALL);
  const none = await m.refreshToken({ access_token: 'x', refresh_token: 'not-a-refresh-token',
    resource_server: 'transfer.api.globus.org', expires_in: 10, token_type: 'Bearer', scope: '' });
  eq(none, null, 'manager.refreshToken for a dead refresh token');
});

// ---------------------------------------------------------------------------------------------------- seeding
const transferToken = () => args.token || need(ctx.manager, 'manager').tokens.transfer.access_token;

await check('setup.seed', async () => {
  writeFiles();
  const org = `SDK Conformance ${runId}`;
  const ep = (name, dir, extra = {}) => sim('POST', 'endpoints', {
    display_name: `${org} ${name}`, root: path.join(tmp, dir), organization: org,
    description: `Seeded by the official-SDK conformance harness (${name})`, ...extra,
  });
  ctx.alpha = await ep('Alpha', 'alpha');
  ctx.beta = await ep('Beta', 'beta');
  ctx.gamma = await ep('Gamma', 'gamma');
  ctx.consent = await ep('Consent', 'consent', { consent_required: true });
  ctx.guest = await sim('POST', 'guest-collections', {
    display_name: `${org} Guest`, organization: org, mapped_collection: ctx.alpha.id, host_path: '/shared/',
  });
  ctx.bob = await sim('POST', 'identities', { username: `bob-${runId}@example.org` });
  ctx.bobs = await ep('Bob', 'bobs', { owner: ctx.bob.username });
  ctx.ownEndpoints = [ctx.alpha, ctx.beta, ctx.gamma, ctx.consent, ctx.guest];
  ctx.org = org;
  for (const e of ctx.ownEndpoints) expect(UUID.test(e.id), `seeded endpoint id ${e.id}`);
  if (ctx.sub) eq(ctx.alpha.owner_id, ctx.sub, 'seeded endpoints belong to the identity that signed in');
  ctx.config = await sim('GET', 'config');
});

const H = () => bearer(transferToken());

// ---------------------------------------------------------------------------------------------------- endpoints
await check('transfer.endpoint-search.paging', async () => {
  const expected = need(ctx.ownEndpoints, 'seed').map((e) => e.id).sort();
  const seen = [];
  const pages = [];
  for (let offset = 0; offset < 20; offset += 2) {
    const r = await call(sdk.transfer.endpointSearch({
      query: { filter_scope: 'my-endpoints', filter_fulltext: runId, limit: 2, offset }, headers: H(),
    }));
    eq(r.status, 200, `endpoint_search status (${JSON.stringify(r.body)})`);
    eq(r.body.DATA_TYPE, 'endpoint_list', 'DATA_TYPE');
    eq(r.body.offset, offset, 'offset');
    eq(r.body.limit, 2, 'limit');
    expect(typeof r.body.has_next_page === 'boolean', `has_next_page ${JSON.stringify(r.body.has_next_page)}`);
    shapeEach(r.body.DATA, T.endpoint, 'EndpointDocument');
    seen.push(...r.body.DATA.map((e) => e.id));
    pages.push(r.body.DATA.length);
    if (!r.body.has_next_page) break;
  }
  eq(pages, [2, 2, 1], 'page sizes with limit 2 over 5 endpoints');
  eq(seen.sort(), expected, 'endpoints found over the pages');
});

await check('transfer.endpoint-search.fulltext', async () => {
  const r = await call(sdk.transfer.endpointSearch({
    query: { filter_scope: 'all', filter_fulltext: `${runId} alph`, filter_non_functional: 0 }, headers: H(),
  }));
  eq(r.status, 200, `status (${JSON.stringify(r.body)})`);
  eq(r.body.DATA.map((e) => e.id), [need(ctx.alpha, 'seed').id], 'word-prefix, terms ANDed');
  const guests = await call(sdk.transfer.endpointSearch({
    query: { filter_scope: 'my-endpoints', filter_fulltext: runId, filter_entity_type: 'GCSv5_guest_collection' },
    headers: H(),
  }));
  eq(guests.body.DATA.map((e) => e.id), [ctx.guest.id], 'filter_entity_type');
  const all = await call(sdk.transfer.endpointSearch({ query: { filter_scope: 'all' }, headers: H() }));
  transferError(all, 400, /^ClientError\.BadRequest/); // `all` needs filter_fulltext (globus-api.md §3.1)
});

await check('transfer.endpoint.get', async () => {
  const r = await call(sdk.transfer.endpoint.get(need(ctx.alpha, 'seed').id, { headers: H() }));
  eq(r.status, 200, `status (${JSON.stringify(r.body)})`);
  shape(r.body, T.endpoint, 'EndpointDocument');
  const e = r.body;
  eq(e.id, ctx.alpha.id, 'id');
  eq(e.display_name, `${ctx.org} Alpha`, 'display_name');
  eq(e.entity_type, 'GCSv5_mapped_collection', 'entity_type');
  eq(e.owner_id, ctx.alpha.owner_id, 'owner_id');
  eq(e.non_functional, false, 'non_functional');
  eq(e.high_assurance, false, 'high_assurance');
  eq(e.is_globus_connect, false, 'is_globus_connect');
  expect(e.my_effective_roles.includes('administrator'), `my_effective_roles ${JSON.stringify(e.my_effective_roles)}`);
  expect(typeof e.default_directory === 'string', 'default_directory');
});

await check('transfer.endpoint.get.guest-collection', async () => {
  const r = await call(sdk.transfer.endpoint.get(need(ctx.guest, 'seed').id, { headers: H() }));
  eq(r.status, 200, `status (${JSON.stringify(r.body)})`);
  shape(r.body, T.endpoint, 'EndpointDocument');
  eq(r.body.entity_type, 'GCSv5_guest_collection', 'entity_type');
  eq(r.body.host_endpoint_id, ctx.alpha.id, 'host_endpoint_id');
  eq(r.body.mapped_collection_id, ctx.alpha.id, 'mapped_collection_id');
  eq(r.body.host_path, '/shared/', 'host_path');
});

await check('transfer.endpoint.get.not-found', async () => {
  transferError(await call(sdk.transfer.endpoint.get(randomUUID(), { headers: H() })), 404, 'EndpointNotFound');
});

// ---------------------------------------------------------------------------------------------------- files
await check('transfer.ls', async () => {
  const id = need(ctx.alpha, 'seed').id;
  const r = await call(sdk.transfer.fileOperations.ls(id, { query: { path: '/~/images/' }, headers: H() }));
  eq(r.status, 200, `status (${JSON.stringify(r.body)})`);
  shape(r.body, T.files, 'FileListDocument');
  shapeEach(r.body.DATA, T.files, 'FileDocument');
  eq(r.body.endpoint, id, 'endpoint');
  eq(r.body.path, '/~/images/', 'path echoed');
  const names = r.body.DATA.map((f) => f.name).sort();
  eq(names, ['.hidden', 'a.sif', 'sub'], 'names (show_hidden defaults on)');
  eq(r.body.length, 3, 'length');
  eq(r.body.total, 3, 'total');
  const a = r.body.DATA.find((f) => f.name === 'a.sif');
  expect(sdk.transfer.utils.isFileDocument(a) && !sdk.transfer.utils.isDirectory(a), 'a.sif is a file to the SDK');
  eq(a.size, 1000, 'size');
  expect(FILE_TIME.test(a.last_modified), `last_modified ${a.last_modified} (globus-api.md §1.2)`);
  expect(/^0[0-7]{3}$/.test(a.permissions), `permissions ${a.permissions}`);
  expect(sdk.transfer.utils.isDirectory(r.body.DATA.find((f) => f.name === 'sub')), 'sub is a directory to the SDK');
});

await check('transfer.ls.query', async () => {
  const id = need(ctx.alpha, 'seed').id;
  const ls = (query) => call(sdk.transfer.fileOperations.ls(id, { query: { path: '/~/images/', ...query }, headers: H() }));
  const hidden = await ls({ show_hidden: 'false' });
  eq(hidden.body.DATA.map((f) => f.name).sort(), ['a.sif', 'sub'], "show_hidden 'false' (the JS SDK's boolean)");
  const sif = await ls({ filter: 'name:~*.sif' });
  eq(sif.body.DATA.map((f) => f.name), ['a.sif'], 'filter name:~*.sif');
  const dirs = await ls({ filter: 'type:dir' });
  eq(dirs.body.DATA.map((f) => f.name), ['sub'], 'filter type:dir');
  const names = [];
  for (let offset = 0; offset < 10;) {
    const page = await ls({ limit: 1, offset, orderby: 'name ASC' });
    eq(page.status, 200, 'paged ls status');
    eq(page.body.length, 1, `length at offset ${offset}`);
    eq(page.body.total, 3, 'total');
    names.push(page.body.DATA[0].name);
    offset += page.body.length;
    if (offset >= page.body.total) break;
  }
  eq(names, ['.hidden', 'a.sif', 'sub'], 'names over limit/offset pages, orderby name ASC');
});

await check('transfer.ls.errors', async () => {
  const id = need(ctx.alpha, 'seed').id;
  transferError(await call(sdk.transfer.fileOperations.ls(id, { query: { path: '/~/nope/' }, headers: H() })),
    404, 'ClientError.NotFound');
  transferError(await call(sdk.transfer.fileOperations.ls(id, { query: { path: '/~/notes.txt' }, headers: H() })),
    502, 'ExternalError.DirListingFailed.NotDirectory');
});

await check('transfer.stat', async () => {
  const id = need(ctx.alpha, 'seed').id;
  const r = await call(sdk.transfer.fileOperations.stat(id, { query: { path: '/~/images/a.sif' }, headers: H() }));
  eq(r.status, 200, `status (${JSON.stringify(r.body)})`);
  shape(r.body, T.files, 'FileDocument');
  eq([r.body.name, r.body.type, r.body.size], ['a.sif', 'file', 1000], 'name, type, size');
  transferError(await call(sdk.transfer.fileOperations.stat(id, { query: { path: '/~/images/none.sif' }, headers: H() })),
    404, 'NotFound');
});

await check('transfer.mkdir', async () => {
  const id = need(ctx.alpha, 'seed').id;
  const dir = `/~/images/made-${runId}/`;
  const r = await call(sdk.transfer.fileOperations.mkdir(id, { payload: { path: dir }, headers: H() }));
  expect(r.ok, `mkdir answered ${r.status}: ${JSON.stringify(r.body)}`);
  eq(r.body.DATA_TYPE, 'mkdir_result', 'DATA_TYPE');
  eq(r.body.code, 'DirectoryCreated', 'code');
  expect(typeof r.body.request_id === 'string' && typeof r.body.message === 'string', 'request_id and message');
  eq(r.body.resource, `/v0.10/operation/endpoint/${id}/mkdir`, 'resource');
  const again = await call(sdk.transfer.fileOperations.mkdir(id, { payload: { path: dir }, headers: H() }));
  transferError(again, 502, 'ExternalError.MkdirFailed.Exists');
  const deep = await call(sdk.transfer.fileOperations.mkdir(id, { payload: { path: '/~/no/such/parent/' }, headers: H() }));
  expect(!deep.ok && sdk.errors.isErrorWellFormed(deep.body), `mkdir without a parent answered ${deep.status}`);
});

// ---------------------------------------------------------------------------------------------------- tasks
const deadline = new Date(Date.now() + 24 * 3600 * 1000);
deadline.setUTCMilliseconds(0);

await check('transfer.submission-id', async () => {
  const r = await call(sdk.transfer.taskSubmission.submissionId({ headers: H() }));
  eq(r.status, 200, 'status');
  shape(r.body, T.submit, 'SubmissionId');
  expect(UUID.test(r.body.value), `value ${r.body.value}`);
  const other = await call(sdk.transfer.taskSubmission.submissionId({ headers: H() }));
  expect(other.body.value !== r.body.value, 'two calls gave the same submission id');
  ctx.submissionId = r.body.value;
});

const transferPayload = () => ({
  submission_id: need(ctx.submissionId, 'submission id'),
  source_endpoint: need(ctx.alpha, 'seed').id,
  destination_endpoint: ctx.beta.id,
  label: `SDK conformance ${runId}`,
  verify_checksum: true,
  deadline: deadline.toISOString(),
  notify_on_succeeded: false,
  notify_on_failed: false,
  DATA: [
    { DATA_TYPE: 'transfer_item', source_path: '/~/images/', destination_path: '/~/copy/', recursive: true },
    { DATA_TYPE: 'transfer_item', source_path: '/~/notes.txt', destination_path: '/~/notes-copy.txt' },
  ],
});

await check('transfer.submit', async () => {
  const r = await call(sdk.transfer.taskSubmission.submitTransfer({ payload: transferPayload(), headers: H() }));
  expect(r.ok, `submit answered ${r.status}: ${JSON.stringify(r.body)}`);
  shape(r.body, T.submit, 'TransferResult', { code: ['Accepted'], resource: ['/v0.10/transfer'] });
  eq(r.body.code, 'Accepted', 'code');
  eq(r.body.submission_id, ctx.submissionId, 'submission_id');
  expect(UUID.test(r.body.task_id), `task_id ${r.body.task_id}`);
  const link = r.body.task_link;
  eq([link.DATA_TYPE, link.rel, link.resource], ['link', 'related', 'task'], 'task_link');
  expect(link.href.includes(r.body.task_id), `task_link.href ${link.href}`);
  ctx.taskId = r.body.task_id;
});

await check('transfer.submit.duplicate', async () => {
  const r = await call(sdk.transfer.taskSubmission.submitTransfer({ payload: transferPayload(), headers: H() }));
  expect(r.ok, `resubmit answered ${r.status}: ${JSON.stringify(r.body)}`);
  eq(r.body.code, 'Duplicate', 'code (globus-api.md §3.7)');
  eq(r.body.task_id, need(ctx.taskId, 'task'), 'task_id of the first submission');
});

await check('transfer.submit.errors', async () => {
  const none = await submit(H(), { source_endpoint: need(ctx.alpha, 'seed').id, destination_endpoint: ctx.beta.id, DATA: [] });
  transferError(none, 400, 'ClientError.BadRequest.NoTransferItems');
  const missing = await submit(H(), {
    source_endpoint: randomUUID(), destination_endpoint: ctx.beta.id,
    DATA: [{ DATA_TYPE: 'transfer_item', source_path: '/~/a', destination_path: '/~/b' }],
  });
  transferError(missing, 404, 'EndpointNotFound');
});

await check('transfer.task.get', async () => {
  const t = await waitForTask(need(ctx.taskId, 'task'), H());
  shape(t, T.task, 'TaskDocument');
  eq(t.status, 'SUCCEEDED', `status (fatal_error ${JSON.stringify(t.fatal_error)})`);
  eq(t.type, 'TRANSFER', 'type');
  eq(t.task_id, ctx.taskId, 'task_id');
  eq(t.label, `SDK conformance ${runId}`, 'label');
  eq(t.verify_checksum, true, 'verify_checksum');
  eq(Date.parse(t.deadline), deadline.getTime(), `deadline ${t.deadline}`);
  eq([t.source_endpoint_id, t.destination_endpoint_id], [ctx.alpha.id, ctx.beta.id], 'endpoint ids');
  eq(t.source_endpoint_display_name, `${ctx.org} Alpha`, 'source_endpoint_display_name');
  eq(t.owner_id, ctx.alpha.owner_id, 'owner_id: the identity whose token submitted');
  for (const f of ['request_time', 'completion_time', 'deadline']) {
    expect(TASK_TIME.test(t[f]), `${f} ${t[f]} (globus-api.md §1.2: 2024-02-06T06:59:02+00:00)`);
  }
  expect(Date.parse(t.completion_time) >= Date.parse(t.request_time), 'completion_time before request_time');
  const bytes = Object.values(sizes).reduce((a, b) => a + b, 0);
  eq([t.files, t.files_transferred, t.files_skipped, t.bytes_transferred], [4, 4, 0, bytes],
    'files, files_transferred, files_skipped, bytes_transferred');
  expect(t.directories >= 1, `directories ${t.directories}`);
  eq(t.subtasks_failed, 0, 'subtasks_failed');
  eq(t.fatal_error, null, 'fatal_error');
  eq([t.nice_status, t.is_ok], [null, null], 'nice_status and is_ok are null once finished (globus-api.md §3.8)');
});

await check('transfer.task.get.not-found', async () => {
  transferError(await call(sdk.transfer.task.get(randomUUID(), { headers: H() })), 404, /NotFound$/);
});

await check('transfer.task.cancel', async () => {
  await sim('POST', 'config', { hold_transfers: true });
  try {
    const r = await submit(H(), {
      source_endpoint: need(ctx.alpha, 'seed').id, destination_endpoint: ctx.gamma.id, label: `held ${runId}`,
      DATA: [{ DATA_TYPE: 'transfer_item', source_path: '/~/images/a.sif', destination_path: '/~/held.sif' }],
    });
    expect(r.ok, `submit answered ${r.status}: ${JSON.stringify(r.body)}`);
    ctx.canceledId = r.body.task_id;
    const active = await call(sdk.transfer.task.get(ctx.canceledId, { headers: H() }));
    eq(active.body.status, 'ACTIVE', 'held task status');
    shape(active.body, T.task, 'TaskDocument');
    expect(active.body.is_ok === true && typeof active.body.nice_status === 'string',
      `while ACTIVE: is_ok ${active.body.is_ok}, nice_status ${active.body.nice_status} (globus-api.md §3.8)`);
    const c = await call(sdk.transfer.task.cancel(ctx.canceledId, { headers: H() }));
    eq(c.status, 200, `cancel status (${JSON.stringify(c.body)})`);
    eq([c.body.DATA_TYPE, c.body.code], ['result', 'Canceled'], 'cancel result (globus-api.md §3.12)');
    notes.add('task.cancel: the answer is a result document {DATA_TYPE: "result", code: "Canceled"} as the fact sheet '
      + 'says; the SDK types it as a TaskDocument');
    expect(typeof c.body.request_id === 'string' && typeof c.body.message === 'string', 'request_id and message');
    const t = await waitForTask(ctx.canceledId, H());
    eq(t.status, 'FAILED', 'a canceled task ends FAILED');
    expect(t.fatal_error && t.fatal_error.code === 'CANCELED', `fatal_error ${JSON.stringify(t.fatal_error)}`);
    const again = await call(sdk.transfer.task.cancel(ctx.canceledId, { headers: H() }));
    eq([again.status, again.body.DATA_TYPE, again.body.code], [200, 'result', 'TaskComplete'], 'cancel of a finished task');
  } finally {
    await sim('POST', 'config', { hold_transfers: Boolean(ctx.config && ctx.config.hold_transfers) });
  }
});

await check('transfer.task.list', async () => {
  const ids = [need(ctx.taskId, 'task'), need(ctx.canceledId, 'canceled task')];
  const got = [];
  for (let offset = 0; offset < 4; offset += 1) {
    const r = await call(sdk.transfer.task.getAll({
      query: { filter: `task_id:${ids.join(',')}`, limit: 1, offset, orderby: 'request_time DESC' }, headers: H(),
    }));
    eq(r.status, 200, `status (${JSON.stringify(r.body)})`);
    eq(r.body.DATA_TYPE, 'task_list', 'DATA_TYPE');
    eq([r.body.offset, r.body.limit, r.body.length, r.body.total], [offset, 1, 1, 2], 'offset, limit, length, total');
    shapeEach(r.body.DATA, T.task, 'TaskDocument');
    got.push(r.body.DATA[0].task_id);
    if (offset + r.body.length >= r.body.total) break;
  }
  eq(got, [ids[1], ids[0]], 'both tasks, newest first');
  const done = await call(sdk.transfer.task.getAll({
    query: { filter: `task_id:${ids.join(',')}/type:TRANSFER/status:SUCCEEDED` }, headers: H(),
  }));
  eq(done.body.DATA.map((t) => t.task_id), [ids[0]], 'filter type:TRANSFER/status:SUCCEEDED');
  const label = await call(sdk.transfer.task.getAll({ query: { filter: `label:~held ${runId}`, fields: 'task_id,status' }, headers: H() }));
  eq(label.body.DATA.map((t) => t.task_id), [ids[1]], 'filter label:~');
  eq(Object.keys(label.body.DATA[0]).filter((k) => k !== 'DATA_TYPE').sort(), ['status', 'task_id'], 'fields=task_id,status');
});

await check('transfer.task.event-list', async () => {
  const events = async (id, query = {}) => call(sdk.transfer.task.getEventList(id, { query: { limit: 10, offset: 0, ...query }, headers: H() }));
  for (const id of [need(ctx.taskId, 'task'), need(ctx.canceledId, 'canceled task')]) {
    const r = await events(id);
    eq(r.status, 200, `status (${JSON.stringify(r.body)})`);
    shape(r.body, T.task, 'TaskEventListDocument', { DATA_TYPE: ['event_list'] }); // globus-api.md §3.11
    eq([r.body.offset, r.body.limit], [0, 10], 'offset, limit');
    expect(Number.isInteger(r.body.total) && r.body.total >= r.body.DATA.length && r.body.DATA.length > 0,
      `total ${r.body.total} for ${r.body.DATA.length} events`);
    shapeEach(r.body.DATA, T.task, 'EventDocument');
    r.body.DATA.forEach((e) => expect(TASK_TIME.test(e.time), `event time ${e.time}`));
    const errors = await events(id, { filter: 'is_error:1' });
    expect(errors.body.DATA.every((e) => e.is_error === true), 'filter is_error:1 gave non-error events');
  }
  const ok = await events(ctx.taskId);
  expect(ok.body.DATA.some((e) => e.code === 'SUCCEEDED'), `no SUCCEEDED event: ${ok.body.DATA.map((e) => e.code)}`);
  const canceled = await events(ctx.canceledId);
  expect(canceled.body.DATA.some((e) => e.code === 'CANCELED'), `no CANCELED event: ${canceled.body.DATA.map((e) => e.code)}`);
});

await check('transfer.task.successful-transfers', async () => {
  const before = need(ctx.config, 'config').successful_transfers_page_size;
  await sim('POST', 'config', { successful_transfers_page_size: 3 });
  try {
    const items = [];
    let marker;
    for (let page = 0; page < 10; page += 1) {
      const r = await call(sdk.transfer.task.getSuccessfulTransfers(need(ctx.taskId, 'task'), {
        query: marker === undefined ? {} : { marker }, headers: H(),
      }));
      eq(r.status, 200, `status (${JSON.stringify(r.body)})`);
      shape(r.body, T.task, 'SuccessfulTransfersListDocument');
      shapeEach(r.body.DATA, T.task, 'SuccessfulTransferDocument');
      if (marker === undefined) eq(r.body.marker, 0, 'first marker');
      items.push(...r.body.DATA);
      if (r.body.next_marker === null) break;
      expect(r.body.DATA.length === 3, `a page before the last has ${r.body.DATA.length} items`);
      marker = r.body.next_marker;
    }
    const pairs = items.map((s) => `${s.source_path} -> ${s.destination_path}`).sort();
    eq(pairs, ['/~/images/.hidden -> /~/copy/.hidden', '/~/images/a.sif -> /~/copy/a.sif',
      '/~/images/sub/b.sif -> /~/copy/sub/b.sif', '/~/notes.txt -> /~/notes-copy.txt'], 'copied files');
    const a = items.find((s) => s.source_path.endsWith('a.sif'));
    eq(a.size, 1000, 'size');
  } finally {
    await sim('POST', 'config', { successful_transfers_page_size: before });
  }
});

// ---------------------------------------------------------------------------------------------------- auth errors
await check('errors.authentication-failed', async () => {
  const r = await call(sdk.transfer.endpointSearch({ query: { filter_scope: 'my-endpoints' }, headers: bearer('not-a-token') }));
  transferError(r, 401, 'ClientError.AuthenticationFailed');
  expect(!sdk.errors.isAuthorizationRequirementsError(r.body), 'a bad token is not an authorization-requirements error');
  expect(!sdk.errors.isConsentRequiredError(r.body), 'a bad token is not ConsentRequired');
});

await check('errors.authentication-failed.sdk-refreshes', async () => {
  const m = need(ctx.manager, 'manager');
  const stale = m.tokens.transfer;
  m.tokens.add({ ...stale, access_token: 'expired-or-revoked-token' });
  const before = await tokenRequests();
  const r = await call(sdk.transfer.endpointSearch({ query: { filter_scope: 'my-endpoints', filter_fulltext: runId }, manager: m }));
  eq(r.status, 200, `after the SDK's refresh-and-retry (${JSON.stringify(r.body)})`);
  eq(r.body.DATA.length, 5, 'endpoints found');
  eq(await tokenRequests() - before, 1, 'token requests: one refresh');
  expect(m.tokens.transfer.access_token !== 'expired-or-revoked-token', 'the manager kept the dead token');
});

await check('errors.consent-required', async () => {
  const id = need(ctx.consent, 'seed').id;
  const r = await call(sdk.transfer.fileOperations.ls(id, { query: { path: '/~/' }, headers: H() }));
  transferError(r, 403, 'ConsentRequired');
  expect(sdk.errors.isConsentRequiredError(r.body), `errors.isConsentRequiredError is false: ${JSON.stringify(r.body)}`);
  const tree = sdk.auth.utils.toScopeTree(r.body.required_scopes.join(' '));
  eq(tree.map((s) => s.scope), [sdk.transfer.CONFIG.SCOPES.ALL], 'required scope');
  eq(tree[0].children.map((c) => [c.scope, c.atomically_revocable]),
    [[`https://auth.globus.org/scopes/${id}/data_access`, true]], 'its optional data_access dependency');
  ctx.consentError = r.body;
});

await check('errors.consent-required.sdk-reconsent', async () => {
  const error = need(ctx.consentError, 'ConsentRequired error');
  const id = ctx.consent.id;
  const m = newManager(sdk.transfer.CONFIG.SCOPES.ALL);
  await inBrowser(async (browser) => {
    await m.login();
    await approve(browser);
    await m.handleCodeRedirect();
    const denied = await call(sdk.transfer.fileOperations.ls(id, { query: { path: '/~/' }, manager: m }));
    eq(denied.status, 403, 'before consent');
    await m.handleErrorResponse(denied.body, { execute: true }); // the SDK's own ConsentRequired handling
    const scope = new URL(browser.assigned[0]).searchParams.get('scope');
    expect(scope.includes(error.required_scopes[0]), `the SDK asked for ${scope}`);
    await approve(browser);
    await m.handleCodeRedirect();
  });
  const r = await call(sdk.transfer.fileOperations.ls(id, { query: { path: '/~/' }, manager: m }));
  eq(r.status, 200, `after consent (${JSON.stringify(r.body)})`);
  eq(r.body.DATA.map((f) => f.name), ['inside.txt'], 'listing');
});

await check('errors.consent-required.legacy-401', async () => {
  const m = need(ctx.manager, 'manager');
  const id = need(ctx.alpha, 'seed').id;
  await sim('POST', 'faults', { route: 'GET /transfer/v0.10/operation/endpoint/{endpoint_id}/ls', status: 401,
    code: 'ConsentRequired', count: 2 });
  try {
    const before = await tokenRequests();
    const r = await call(sdk.transfer.fileOperations.ls(id, { query: { path: '/~/' }, manager: m }));
    eq(r.status, 401, 'status');
    expect(sdk.errors.isConsentRequiredError(r.body), `errors.isConsentRequiredError is false: ${JSON.stringify(r.body)}`);
    expect(r.body.required_scopes[0].includes(`https://auth.globus.org/scopes/${id}/data_access`), 'required_scopes');
    expect(!sdk.errors.isAuthorizationRequirementsError(r.body), 'no authorization_parameters in the legacy shape');
    // A 401 without authorization_parameters makes the SDK refresh once and retry (services/shared.js).
    eq(await tokenRequests() - before, 1, 'token requests: one refresh before the retry');
  } finally {
    await sim('DELETE', 'faults');
  }
});

// ---------------------------------------------------------------------------------------------------- access rules
const bobH = () => bearer(need(ctx.bob, 'seed').access_token);
const ruleRef = () => ({ endpoint_xid: need(ctx.guest, 'seed').id, id: need(ctx.ruleId, 'access rule') });

await check('access.create', async () => {
  const r = await call(sdk.transfer.access.create(need(ctx.guest, 'seed').id, {
    payload: { DATA_TYPE: 'access', principal_type: 'identity', principal: ctx.bob.id, path: '/u/bob/', permissions: 'r' },
    headers: H(),
  }));
  eq(r.status, 201, `status (${JSON.stringify(r.body)})`);
  eq([r.body.DATA_TYPE, r.body.code], ['access_create_result', 'Created'], 'result (globus-sharing-oidc.md §1)');
  notes.add('access.create: the answer is {DATA_TYPE: "access_create_result", code: "Created", access_id} as the fact '
    + 'sheet says; the SDK types it as an AccessDocument');
  expect(UUID.test(r.body.access_id), `access_id ${r.body.access_id}`);
  expect(typeof r.body.message === 'string' && typeof r.body.request_id === 'string', 'message and request_id');
  eq(r.body.resource, `/v0.10/endpoint/${ctx.guest.id}/access`, 'resource');
  ctx.ruleId = r.body.access_id;
});

await check('access.create.exists', async () => {
  const r = await call(sdk.transfer.access.create(need(ctx.guest, 'seed').id, {
    payload: { DATA_TYPE: 'access', principal_type: 'identity', principal: ctx.bob.id, path: '/u/bob/', permissions: 'rw' },
    headers: H(),
  }));
  transferError(r, 409, 'Exists');
  const bad = await call(sdk.transfer.access.create(ctx.guest.id, {
    payload: { DATA_TYPE: 'access', principal_type: 'identity', principal: ctx.bob.id, path: '/u/x/', permissions: 'w' },
    headers: H(),
  }));
  transferError(bad, 400, /^ClientError\.BadRequest/);
});

await check('access.list', async () => {
  const r = await call(sdk.transfer.access.getAll(need(ctx.guest, 'seed').id, { query: { limit: 100, offset: 0 }, headers: H() }));
  eq(r.status, 200, `status (${JSON.stringify(r.body)})`);
  shape(r.body, T.access, 'AccessListDocument');
  shapeEach(r.body.DATA, T.access, 'AccessDocument');
  eq(r.body.endpoint, ctx.guest.id, 'endpoint');
  eq(r.body.length, r.body.DATA.length, 'length');
  const role = r.body.DATA.find((a) => a.role_type === 'administrator');
  expect(role, 'no implicit administrator entry (globus-sharing-oidc.md §1)');
  eq([role.id, role.principal, role.path, role.permissions], [null, ctx.guest.owner_id, '/', 'rw'], 'owner role entry');
  expect(typeof role.role_id === 'string', 'role entry role_id');
  const rule = r.body.DATA.find((a) => a.id === need(ctx.ruleId, 'access rule'));
  expect(rule, 'the new rule is not listed');
  eq([rule.principal_type, rule.principal, rule.path, rule.permissions, rule.role_id],
    ['identity', ctx.bob.id, '/u/bob/', 'r', null], 'rule entry');
  const page = await call(sdk.transfer.access.getAll(ctx.guest.id, { query: { limit: 1, offset: 1 }, headers: H() }));
  eq([page.body.length, page.body.DATA.length, page.body.DATA[0].id], [1, 1, ctx.ruleId], 'limit 1, offset 1');
});

await check('access.get', async () => {
  const r = await call(sdk.transfer.access.get(ruleRef(), { headers: H() }));
  eq(r.status, 200, `status (${JSON.stringify(r.body)})`);
  shape(r.body, T.access, 'AccessDocument');
  eq([r.body.id, r.body.principal, r.body.path, r.body.permissions], [ctx.ruleId, ctx.bob.id, '/u/bob/', 'r'], 'rule');
  expect(TASK_TIME.test(r.body.create_time), `create_time ${r.body.create_time}`);
  eq(r.body.expiration_date, null, 'expiration_date');
});

await check('access.enforced.read-only', async () => {
  const guest = need(ctx.guest, 'seed').id;
  need(ctx.ruleId, 'access rule');
  const ls = await call(sdk.transfer.fileOperations.ls(guest, { query: { path: '/u/bob/' }, headers: bobH() }));
  eq(ls.status, 200, `bob lists /u/bob/ with an r rule (${JSON.stringify(ls.body)})`);
  eq(ls.body.DATA.map((f) => f.name), ['data.sif'], 'listing');
  transferError(await call(sdk.transfer.fileOperations.ls(guest, { query: { path: '/' }, headers: bobH() })), 403, 'PermissionDenied');
  transferError(await call(sdk.transfer.fileOperations.mkdir(guest, { payload: { path: '/u/bob/new/' }, headers: bobH() })),
    403, 'PermissionDenied');
  const shared = await call(sdk.transfer.endpointSearch({ query: { filter_scope: 'shared-with-me' }, headers: bobH() }));
  expect(shared.body.DATA.some((e) => e.id === guest), 'shared-with-me does not list the guest collection for bob');
  transferError(await call(sdk.transfer.access.create(guest, {
    payload: { DATA_TYPE: 'access', principal_type: 'identity', principal: ctx.bob.id, path: '/', permissions: 'rw' },
    headers: bobH(),
  })), 403, 'PermissionDenied');
});

await check('access.update', async () => {
  const r = await call(sdk.transfer.access.update(ruleRef(), { payload: { DATA_TYPE: 'access', permissions: 'rw' }, headers: H() }));
  eq(r.status, 200, `status (${JSON.stringify(r.body)})`);
  eq([r.body.DATA_TYPE, r.body.code], ['result', 'Updated'], 'result');
  expect(typeof r.body.request_id === 'string', 'request_id');
  const got = await call(sdk.transfer.access.get(ruleRef(), { headers: H() }));
  eq(got.body.permissions, 'rw', 'permissions after the update');
  const mk = await call(sdk.transfer.fileOperations.mkdir(ctx.guest.id, { payload: { path: '/u/bob/new/' }, headers: bobH() }));
  expect(mk.ok && mk.body.code === 'DirectoryCreated', `bob's mkdir with an rw rule answered ${mk.status}: ${JSON.stringify(mk.body)}`);
});

await check('access.enforced.transfer', async () => {
  const guest = need(ctx.guest, 'seed').id;
  const r = await submit(bobH(), {
    source_endpoint: need(ctx.bobs, 'seed').id, destination_endpoint: guest, label: `bring ${runId}`,
    verify_checksum: true,
    DATA: [{ DATA_TYPE: 'transfer_item', source_path: '/~/upload.sif', destination_path: '/u/bob/upload.sif' }],
  });
  expect(r.ok, `bob's submit answered ${r.status}: ${JSON.stringify(r.body)}`);
  const t = await waitForTask(r.body.task_id, bobH());
  eq(t.status, 'SUCCEEDED', `bob's transfer into /u/bob/ with an rw rule (fatal_error ${JSON.stringify(t.fatal_error)})`);
  eq(t.owner_id, ctx.bob.id, 'owner_id: bob');
  const seen = await call(sdk.transfer.task.get(r.body.task_id, { headers: H() }));
  transferError(seen, 403, 'PermissionDenied'); // another user's task
});

await check('access.remove', async () => {
  const r = await call(sdk.transfer.access.remove(ruleRef(), { headers: H() }));
  eq(r.status, 200, `status (${JSON.stringify(r.body)})`);
  eq([r.body.DATA_TYPE, r.body.code], ['result', 'Deleted'], 'result');
  transferError(await call(sdk.transfer.access.get(ruleRef(), { headers: H() })), 404, 'AccessRuleNotFound');
  transferError(await call(sdk.transfer.fileOperations.ls(ctx.guest.id, { query: { path: '/u/bob/' }, headers: bobH() })),
    403, 'PermissionDenied');
  const shared = await call(sdk.transfer.endpointSearch({ query: { filter_scope: 'shared-with-me' }, headers: bobH() }));
  expect(!shared.body.DATA.some((e) => e.id === ctx.guest.id), 'shared-with-me still lists the guest collection');
  const late = await submit(bobH(), {
    source_endpoint: ctx.bobs.id, destination_endpoint: ctx.guest.id,
    DATA: [{ DATA_TYPE: 'transfer_item', source_path: '/~/upload.sif', destination_path: '/u/bob/again.sif' }],
  });
  expect(late.ok, `submit after removal answered ${late.status} (Globus checks permissions when it moves data)`);
  const t = await waitForTask(late.body.task_id, bobH());
  eq(t.status, 'FAILED', 'a transfer after the rule is gone');
  eq(t.fatal_error && t.fatal_error.code, 'PERMISSION_DENIED', 'fatal_error.code');
});

// ---------------------------------------------------------------------------------------------------- revoke (last)
await check('auth.revoke', async () => {
  const m = need(ctx.manager, 'manager');
  const { access_token: access, refresh_token: refresh } = m.tokens.transfer;
  const r = await call(sdk.auth.oauth2.token.revoke({ payload: { token: access, client_id: CLIENT_ID } }));
  eq([r.status, r.body], [200, { active: false }], 'revoke answer (globus-api.md §2.4)');
  transferError(await call(sdk.transfer.endpointSearch({ query: { filter_scope: 'my-endpoints' }, headers: bearer(access) })),
    401, 'ClientError.AuthenticationFailed');
  const rr = await call(sdk.auth.oauth2.token.revoke({ payload: { token: refresh, client_id: CLIENT_ID } }));
  eq(rr.status, 200, 'revoke of the refresh token');
  const again = await call(sdk.auth.oauth2.token.refresh({
    payload: { grant_type: 'refresh_token', refresh_token: refresh, client_id: CLIENT_ID },
  }));
  eq(again.body.error, 'invalid_grant', 'a revoked refresh token');
});

rmSync(tmp, { recursive: true, force: true });
for (const n of notes) console.log(`NOTE ${n}`);
console.log(`INFO ${passes} passed, ${failures} failed`);
process.exitCode = failures ? 1 : 0;
