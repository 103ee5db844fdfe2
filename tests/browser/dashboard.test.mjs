// Browser test of the dashboard (web/): ingests samples/ into a temporary database, starts
// `eventcoder serve` on a free loopback port (--port 0), drives Debian's Chromium with playwright-core and
// checks that every view draws the real data, that filters reach the URL and the counts, and that an event's
// evidence is highlighted. Saves a screenshot of each view into docs/screenshots/ (SCREENSHOT_DIR to change).
//
//   tests/browser/run.sh            # installs what is missing, then runs this file
//   node --test tests/browser/dashboard.test.mjs   # env: EVENTCODER_BIN (build/eventcoder), CHROMIUM
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.resolve(root, process.env.EVENTCODER_BIN || 'build/eventcoder');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = path.resolve(root, process.env.SCREENSHOT_DIR || 'docs/screenshots');
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let tmp;
let server;
let serverLog = '';
let base;
let context;
let page;
const pageErrors = [];

// `serve --port 0` listens on a free port and prints its address ("listening on http://127.0.0.1:PORT/").
function waitForAddress(ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`eventcoder serve printed no address within ${ms} ms:\n${serverLog}`)), ms);
    const look = () => {
      const m = serverLog.match(/http:\/\/(127\.0\.0\.1|localhost):(\d+)/);
      if (m && m[2] !== '0') { clearTimeout(timer); resolve(`http://127.0.0.1:${m[2]}`); }
    };
    server.stdout.on('data', look);
    server.stderr.on('data', look);
    server.once('exit', (code) => { clearTimeout(timer); reject(new Error(`eventcoder serve exited with ${code}:\n${serverLog}`)); });
  });
}

async function waitForServer(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`eventcoder serve exited with ${server.exitCode}:\n${serverLog}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch { /* not answering yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`eventcoder serve did not answer ${url} within ${ms} ms:\n${serverLog}`);
}

async function api(pathAndQuery) {
  const res = await fetch(base + pathAndQuery);
  assert.equal(res.status, 200, `${pathAndQuery}: HTTP ${res.status}`);
  return res.json();
}

// Every merged event the API returns for `params`, following next_cursor.
async function apiEvents(params = {}) {
  const out = [];
  let cursor = null;
  for (let i = 0; i < 1000; ++i) {
    const q = new URLSearchParams({ ...params, limit: '500' });
    if (cursor) q.set('cursor', cursor);
    const page = await api(`/api/events?${q}`);
    out.push(...page.events);
    cursor = page.next_cursor;
    if (!cursor || !page.events.length) break;
  }
  return out;
}

const shownCount = async () => Number((await page.textContent('#count-events')).replace(/[^0-9]/g, ''));
const urlParams = () => new URL(page.url()).searchParams;

async function waitForCount(expected) {
  await page.waitForFunction((n) => {
    const t = document.getElementById('count-events').textContent.replace(/[^0-9]/g, '');
    return t !== '' && Number(t) === n && !document.body.classList.contains('is-loading');
  }, expected, { timeout: 15000 });
}

async function showView(view) {
  await page.click(`.tabs [data-view=${view}]`);
  await page.waitForSelector(`#view-${view}:not([hidden])`);
  await page.waitForFunction((v) => {
    const s = document.getElementById(`view-${v}`);
    return s.dataset.ready && !s.classList.contains('rendering');
  }, view, { timeout: 15000 });
}

async function screenshot(name, options = {}) {
  fs.mkdirSync(shots, { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(shots, `${name}.png`), ...options });
}

before(async () => {
  assert.ok(fs.existsSync(bin), `${bin} is missing: build first (scripts/setup) or set EVENTCODER_BIN`);
  assert.ok(fs.existsSync(browserPath), `${browserPath} is missing: apt-get install chromium (tests/browser/run.sh does)`);
  assert.ok(fs.existsSync(path.join(root, 'web/vendor/node_modules/d3/dist/d3.min.js')),
    'web/vendor is missing: run scripts/setup (it installs d3, topojson-client and world-atlas there)');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eventcoder-browser-'));
  const db = path.join(tmp, 'events.db');
  execFileSync(bin, ['ingest', 'samples', '--db', db], { cwd: root, stdio: 'pipe' });  // paths as samples/…
  server = spawn(bin, ['serve', '--db', db, '--host', '127.0.0.1', '--port', '0', '--web', path.join(root, 'web')],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  base = await waitForAddress(20000);
  await waitForServer(`${base}/api/stats`, 20000);

  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: browserPath,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 900 },
  });
  page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(msg.text()); });
});

after(async () => {
  await context?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => { server.once('exit', r); setTimeout(r, 3000); });
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the dashboard loads and counts every event of the database', { timeout: 60000 }, async () => {
  const all = await apiEvents();
  assert.ok(all.length > 0, 'the API returns no events for the samples');
  await page.goto(`${base}/`);
  await waitForCount(all.length);
  const mentions = all.reduce((n, e) => n + (e.num_mentions ?? 1), 0);
  assert.equal(Number((await page.textContent('#count-mentions')).replace(/[^0-9]/g, '')), mentions);
});

test('the timeline stacks events by quad class', { timeout: 60000 }, async () => {
  await page.waitForSelector('#timeline svg rect.bar');
  const bars = await page.$$eval('#timeline rect.bar', (r) => r.map((x) => x.getAttribute('class')));
  assert.ok(bars.length > 0);
  assert.ok(new Set(bars).size >= 2, `bars of one quad class only: ${[...new Set(bars)]}`);
  assert.equal(await page.locator('#quad-legend .key').count(), 4);
  fs.mkdirSync(shots, { recursive: true });
  await page.locator('#timeline-panel').screenshot({ path: path.join(shots, 'timeline.png') });
});

test('the map draws countries and places, and a click lists the events of a place', { timeout: 60000 }, async () => {
  await showView('map');
  await page.waitForSelector('#map path.land');
  const points = await page.locator('#map circle.point').count();
  const located = (await apiEvents()).filter((e) => e.location && typeof e.location.lat === 'number');
  assert.ok(points > 0, 'no points on the map');
  assert.ok(points <= located.length);
  await page.locator('#map circle.point').last().click();  // drawn last: on top
  await page.waitForSelector('#map-side .event-link');
  assert.ok(await page.locator('#map-side .event-link').count() > 0);
  await screenshot('map', { fullPage: true });
});

test('the who-vs-whom matrix draws weighted source → target cells', { timeout: 60000 }, async () => {
  await showView('matrix');
  const cells = await page.locator('#matrix rect.cell').count();
  assert.ok(cells > 0, 'no matrix cells');
  const pair = await page.locator('#matrix rect.cell').first().getAttribute('data-pair');
  assert.match(pair, /^\S+ > \S+$/);
  assert.equal(urlParams().get('view'), 'matrix');
  await screenshot('matrix', { fullPage: true });
});

test('the claims view lists allegations of a pair of actors beside their denials', { timeout: 60000 }, async () => {
  await showView('claims');
  await page.waitForSelector('#claims .claim-card');
  const a = await page.inputValue('#claims-a');
  const b = await page.inputValue('#claims-b');
  assert.ok(a && b && a !== b, `pair ${a} / ${b}`);
  const allegations = await page.locator('#claims .claim-card.allegation').count();
  assert.ok(allegations >= 1, 'no allegation listed');
  const denials = await page.locator('#claims .claim-card.denial').count();
  console.log(`claims view: ${a} vs ${b}, ${allegations} allegations, ${denials} denials`);
  await screenshot('claims', { fullPage: true });
  // Swapping the sides keeps the pair, in the URL too.
  await page.click('#claims .claims-head button[title="swap the sides"]');
  await page.waitForFunction(([x, y]) => document.getElementById('claims-a')?.value === y && document.getElementById('claims-b')?.value === x, [a, b]);
  assert.equal(urlParams().get('a'), b);
  assert.equal(urlParams().get('b'), a);
});

test('an event detail shows its sentence with the evidence highlighted', { timeout: 60000 }, async () => {
  const card = page.locator('#claims .claim-card.allegation').first();
  const id = await card.getAttribute('data-event');
  await card.click();
  await page.waitForSelector('#detail:not([hidden]) .mention mark');
  assert.equal(urlParams().get('event'), id);
  const event = await api(`/api/events/${encodeURIComponent(id)}`);
  const mention = event.mentions?.[0] ?? event;
  const cps = Array.from(mention.sentence);
  const first = page.locator('#detail .mention').first();
  let checked = 0;
  for (const [role, span] of Object.entries(mention.spans || {})) {
    if (!Array.isArray(span)) continue;
    const text = (await first.locator(`mark[data-roles~="${role}"]`).allTextContents()).join('');
    assert.equal(text, cps.slice(span[0], span[1]).join(''), `highlighted ${role}`);
    ++checked;
  }
  assert.ok(mention.spans.source && mention.spans.trigger, 'the event has source and trigger spans');
  assert.ok(checked >= 2);
  if (event.claimed_by) assert.ok(await first.locator('mark[data-roles~="claimed_by"]').count() > 0, 'claimant highlighted');
  const articleText = await page.textContent('#detail .mention-meta');
  const art = mention.article;
  assert.ok(articleText.includes(art.url ? (art.title || art.url) : (art.path || art.title)), `article shown: ${articleText}`);
  await screenshot('detail');
  // A shared link opens the same event.
  await page.reload();
  await page.waitForSelector('#detail:not([hidden]) .mention mark');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#detail', { state: 'hidden' });
  assert.equal(urlParams().get('event'), null);
});

test('a CAMEO root filter reaches the URL, the counts and every view', { timeout: 60000 }, async () => {
  const all = (await apiEvents()).length;
  const fights = await apiEvents({ root: '19' });
  assert.ok(fights.length > 0 && fights.length < all);
  await page.selectOption('#filters select[name=root]', '19');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('root') === '19');
  await waitForCount(fights.length);
  // Root 19 is material conflict: the timeline keeps only quad class 4.
  const quads = new Set(await page.$$eval('#timeline rect.bar', (r) => r.map((x) => x.getAttribute('class'))));
  assert.deepEqual([...quads], ['bar q4']);
  // The URL alone restores the view.
  await page.reload();
  await waitForCount(fights.length);
  assert.equal(await page.inputValue('#filters select[name=root]'), '19');
  await showView('events');
  assert.equal(await page.locator('#events tr[data-event]').count(), fights.length);
  await screenshot('events', { fullPage: true });
});

test('the actor filter and "claims only" narrow the events', { timeout: 60000 }, async () => {
  await page.click('#reset');
  await page.waitForFunction(() => !new URL(location.href).searchParams.get('root'));
  await page.fill('#filters input[name=actor]', 'rus');
  await page.press('#filters input[name=actor]', 'Enter');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('actor') === 'RUS');
  const rus = await apiEvents({ actor: 'RUS' });
  assert.ok(rus.length > 0);
  await waitForCount(rus.length);
  await page.check('#filters input[name=claims]');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('claims') === '1');
  await waitForCount(rus.filter((e) => e.claimed_by).length);
  await page.click('#reset');
  await waitForCount((await apiEvents()).length);
  assert.equal(urlParams().get('actor'), null);
});

test('brushing the timeline sets the date range', { timeout: 60000 }, async () => {
  const box = await page.locator('#timeline svg .brush .overlay').boundingBox();
  assert.ok(box, 'no brush overlay');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.45, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, y, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => {
    const q = new URL(location.href).searchParams;
    return /^\d{4}-\d{2}-\d{2}$/.test(q.get('from') || '') && /^\d{4}-\d{2}-\d{2}$/.test(q.get('to') || '');
  });
  const from = urlParams().get('from');
  const to = urlParams().get('to');
  assert.ok(from <= to);
  assert.equal(await page.inputValue('#filters input[name=from]'), from);
  await waitForCount((await apiEvents({ from, to })).length);
  await page.click('#reset');
});

test('a filter that matches nothing shows empty states', { timeout: 60000 }, async () => {
  await page.fill('#filters input[name=text]', 'zzzq-no-such-words');
  await page.press('#filters input[name=text]', 'Enter');
  await waitForCount(0);
  await page.waitForSelector('#timeline .empty');
  await showView('map');
  await page.waitForSelector('#map .empty');
  await page.click('#map .empty button');
  await page.waitForFunction(() => !new URL(location.href).searchParams.get('text'));
  await waitForCount((await apiEvents()).length);
});

test('an API failure shows an error with a retry', { timeout: 60000 }, async () => {
  await page.route('**/api/events?**', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"database is locked"}' }));
  await page.fill('#filters input[name=text]', 'drone');
  await page.press('#filters input[name=text]', 'Enter');
  await page.waitForSelector('#banner.error:not([hidden])');
  assert.match(await page.textContent('#banner'), /database is locked/);
  await page.unroute('**/api/events?**');
  pageErrors.splice(0);  // the browser logs the failed request
  await page.click('#banner button');
  await waitForCount((await apiEvents({ text: 'drone' })).length);
  assert.ok(await page.locator('#banner').isHidden());
  await page.click('#reset');
});

test('no script errors', () => {
  assert.deepEqual(pageErrors, []);
});
