// Opens real reports in headless Chromium: what a certifier sees, not just what the string holds.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILING_SUITE, PASSING_SUITE, runFakeSuites, type FakeRun } from './fake-run.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const hasChromium = existsSync(CHROMIUM);
// vitest's skipIf takes no note, so the reason rides in the test name where it shows in the output.
const NEEDS = hasChromium ? '' : " (skipped: needs Debian's chromium package (/usr/bin/chromium): apt-get install chromium)";
const browserIt = it.skipIf(!hasChromium);

interface XmlParser {
  parseFromString(text: string, type: string): { getElementsByTagName(name: string): { length: number } };
}

describe('report.html in a browser', () => {
  let browser: Browser | undefined;
  let passing: FakeRun;
  let failing: FakeRun;

  beforeAll(async () => {
    if (!hasChromium) return;
    [passing, failing] = await Promise.all([
      runFakeSuites({ 'pass.test.ts': PASSING_SUITE }, 'browser-passing'),
      runFakeSuites({ 'pass.test.ts': PASSING_SUITE, 'fail.test.ts': FAILING_SUITE }, 'browser-failing'),
    ]);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(run: FakeRun) {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(run.reportDir, 'report.html')).href);
    return { page, requests };
  }

  browserIt(`shows CONFORMANT for a passing run, with no external requests and no script${NEEDS}`, async () => {
    const { page, requests } = await open(passing);
    await expect(page.locator('.banner .verdict').innerText()).resolves.toBe('CONFORMANT');
    // Nothing failed: the run record leads, the (empty) failures section comes later.
    await expect(page.locator('#verdict + nav + section').getAttribute('id')).resolves.toBe('run');
    await expect(page.locator('#areas table').isVisible()).resolves.toBe(true);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.screenshot({ path: join(passing.reportDir, 'report.png'), fullPage: true });
    await page.close();
  });

  browserIt(`shows NOT CONFORMANT with the failure transcript visible without clicking${NEEDS}`, async () => {
    const { page } = await open(failing);
    await expect(page.locator('.banner .verdict').innerText()).resolves.toBe('NOT CONFORMANT');
    const card = page.locator('#failures .card.failure').first();
    await expect(card.locator('h3').innerText()).resolves.toContain('quality_on_demand_createSession_400.9_invalid_duration');
    const request = card.locator('pre.request').first();
    await expect(request.isVisible()).resolves.toBe(true);
    await expect(request.innerText()).resolves.toContain('x-correlator: corr-TRANSCRIPT-MARKER');
    await expect(card.locator('pre.response').first().innerText()).resolves.toContain('HTTP 201');
    await expect(card.locator('pre.curl').first().isVisible()).resolves.toBe(true);
    await expect(card.locator('dl.kv').innerText()).resolves.toContain('400 INVALID_ARGUMENT');
    // Failures first, right under the verdict: before the run record and the area table.
    await expect(page.locator('#verdict + nav + section').getAttribute('id')).resolves.toBe('failures');
    const top = async (selector: string) => (await page.locator(selector).boundingBox())?.y ?? Number.NaN;
    expect(await top('#failures')).toBeLessThan(await top('#run'));
    expect(await top('#failures')).toBeLessThan(await top('#areas'));
    // A long body is folded with its size, closed; the curl line of that exchange stays visible.
    const folded = card.locator('details.folded');
    await expect(folded.locator('summary').innerText()).resolves.toMatch(/^response body: 62 lines, [\d.]+ KB$/);
    await expect(folded.getAttribute('open')).resolves.toBeNull();
    await expect(folded.locator('pre.response-body').isVisible()).resolves.toBe(false);
    await expect(card.locator('pre.curl', { hasText: 'LONG-BODY-CURL' }).isVisible()).resolves.toBe(true);
    const shot = join(failing.reportDir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot)).toBe(true);
    await page.close();
  });

  browserIt(`accepts junit.xml in the browser's strict XML parser${NEEDS}`, async () => {
    const page = await browser!.newPage();
    const xml = readFileSync(join(failing.reportDir, 'junit.xml'), 'utf8');
    const result = await page.evaluate((text) => {
      // Runs in the page; the project's tsconfig has no DOM lib, so describe the little we use.
      const { DOMParser } = globalThis as unknown as { DOMParser: new () => XmlParser };
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return { error: doc.getElementsByTagName('parsererror').length, cases: doc.getElementsByTagName('testcase').length };
    }, xml);
    // Six checks ran or skipped; the not-applicable one is kept out of JUnit (it stays in HTML and JSON).
    expect(result).toEqual({ error: 0, cases: 5 });
    await page.close();
  });
});
