import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot, ServiceStack, waitFor } from '@ugov/testing';
import shippedDefinitions from '../../apps/supervision/data/sla-definitions.json';
import { devToken } from '../access/credentials';
import { call, complaint, KEYS } from '../u-loop/http';

/**
 * The oversight dashboard in a real browser (Debian's chromium driven by playwright-core) against the real services:
 * a case whose sign-off ran past a short limit shows as a clock and a red warning; its timeline and clocks open on a
 * click; a department user sees only their own department; Chinese text is drawn with a CJK font, not boxes.
 * Screenshots for humans land in .run/screenshots/.
 */
const SIGN_OFF_SECONDS = 4;
const definitionsFile = join(mkdtempSync(join(tmpdir(), 'ugov-dashboard-')), 'sla-definitions.json');
writeFileSync(
  definitionsFile,
  JSON.stringify({
    ...shippedDefinitions,
    version: 2,
    defaults: {
      ...shippedDefinitions.defaults,
      repeatAlarmEvery: { amount: 600, unit: 'minutes' },
      escalateAfter: { amount: 600, unit: 'minutes' },
    },
    definitions: [
      { id: 'sign-off.test', hop: 'sign-off', match: {}, limit: { amount: SIGN_OFF_SECONDS / 60, unit: 'minutes' } },
      ...shippedDefinitions.definitions.filter((definition) => definition.hop !== 'sign-off'),
    ],
  }),
);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(repoRoot, '.run', 'screenshots');
const HOUSING = 'city-housing';

describe('the supervision dashboard in a browser', () => {
  const stack = new ServiceStack({
    services: ['intake', 'dispatch', 'processing', 'supervision'],
    environment: (service) => (service === 'supervision' ? { SLA_DEFINITIONS_FILE: definitionsFile, SLA_TIMER_POLL_MS: '100' } : {}),
  });
  let browser: Browser;
  let page: Page;
  let caseId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await stack.start();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });

    // A case through the loop: submitted, assigned to city-housing, its sign-off left past the limit (yellow, then red
    // with a supervision order), then signed; its reply clock keeps running.
    const submitted = await call(
      stack,
      'intake',
      'POST',
      '/v1/cases',
      KEYS.portal,
      complaint('小区门口的路灯坏了一个月，晚上很不安全', {
        categoryCode: 'urban.municipal-facilities',
        location: { regionCode: '430104' },
      }),
    );
    expect(submitted.status).toBe(201);
    caseId = submitted.body.id;
    const red = await waitFor('the red warning of the sign-off', async () => {
      const warnings = await call(stack, 'supervision', 'GET', `/v1/warnings?level=red&department=${HOUSING}`, KEYS.supervisor);
      return warnings.body.find?.((warning: { caseId: string }) => warning.caseId === caseId) as { assignmentId: string } | undefined;
    });
    await waitFor('processing to sign the assignment', async () => {
      const signed = await call(stack, 'processing', 'POST', `/v1/assignments/${red.assignmentId}/sign`, KEYS.department(HOUSING));
      return signed.status === 200 ? true : undefined;
    });
    await waitFor('the signature on the timeline', async () => {
      const timeline = await call(stack, 'supervision', 'GET', `/v1/cases/${caseId}/timeline`, KEYS.supervisor);
      return timeline.body.hops?.some((hop: { type: string }) => hop.type === 'ugov.processing.assignment-signed.v1') ? true : undefined;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack.stop();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  });
  afterEach(() => page?.close());

  const signIn = async (username: string) => {
    await page.goto(`${stack.url('supervision')}/dashboard?refresh=5`);
    await page.locator('#password-form').waitFor({ state: 'visible' });
    await page.fill('#password-form [name=username]', username);
    await page.fill('#password-form [name=password]', 'dev');
    await page.click('#password-form button[type=submit]');
    await page.locator('#board').waitFor({ state: 'visible' });
  };
  const statusOf = (name: string) => page.locator(`.status[data-for="${name}"][data-state]`);

  it('is a public page whose data calls still need a token', async () => {
    const html = await fetch(`${stack.url('supervision')}/dashboard`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${stack.url('supervision')}/dashboard/dashboard.js`)).headers.get('content-type')).toContain('text/javascript');
    const missing = await fetch(`${stack.url('supervision')}/dashboard/secrets.json`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect((await call(stack, 'supervision', 'GET', '/v1/clocks', undefined)).status).toBe(401);
  });

  it('signs a supervisor in, shows the case’s clock and warning, opens its timeline, and draws Chinese with a CJK font', async () => {
    await signIn('dev-supervisor');
    await page.locator('#who').filter({ hasText: 'dev-supervisor' }).waitFor();

    // The reply clock runs on; the sign-off's red warning (with its supervision order) is listed.
    const clockRow = page.locator(`#clock-table tbody tr[data-case-id="${caseId}"]`);
    await clockRow.waitFor();
    expect(await clockRow.innerText()).toContain('答复 Reply');
    expect(await clockRow.innerText()).toContain(HOUSING);
    const warningRow = page.locator(`#warning-table tbody tr[data-case-id="${caseId}"][data-level="red"]`);
    await warningRow.waitFor();
    expect(await warningRow.innerText()).toContain('签收 Sign-off');
    expect(await page.locator(`#warning-table tbody tr[data-case-id="${caseId}"][data-level="yellow"]`).count()).toBe(1);

    // The overview: the chain verifies, no dead letters nor parked events in this fresh stack.
    await page.locator('#card-audit .value.good').waitFor();
    expect(await page.locator('#card-audit .value').innerText()).toMatch(/^完好 Intact · \d+ 条$/);
    expect(await page.locator('#card-dead-letters .value').innerText()).toBe('0');
    expect(await page.locator('#card-parked .value').innerText()).toBe('0');

    // KPIs: this month's ranking with zones when the route answers (city-housing has today's case), a clear "not
    // available" while it does not exist.
    const kpis = await call(stack, 'supervision', 'GET', '/v1/kpis?from=2026-01-01&to=2026-12-31&level=department', KEYS.supervisor);
    await statusOf('kpis').waitFor();
    if (kpis.status === 404) {
      expect(await statusOf('kpis').getAttribute('data-state')).toBe('unavailable');
      expect(await statusOf('kpis').innerText()).toContain('考核数据暂不可用');
    } else {
      const housingRow = page.locator(`#kpi-table tbody tr[data-key="${HOUSING}"]`);
      await housingRow.waitFor();
      expect(await housingRow.getAttribute('data-zone')).toMatch(/^(blue|yellow|red)$/);
      expect(await housingRow.innerText()).toMatch(/[绿黄红]区/);
      await page.locator('#kpi-chart svg rect').first().waitFor();
      await page.locator(`#kpi-trend svg circle[data-key="${HOUSING}"]`).waitFor();
      // The export goes through the API with the user's token and is saved by the browser.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#kpi-csv')]);
      expect(download.suggestedFilename()).toMatch(/^kpis-department-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv).toContain(HOUSING);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-supervisor.png'), fullPage: true });

    // A click opens the case: its clocks (sign-off breached and stopped, reply running) and every hop in order.
    await clockRow.locator('.case-link').click();
    await page.locator('#case-id').filter({ hasText: caseId }).waitFor();
    await page.locator('#case-timeline li[data-type="ugov.processing.assignment-signed.v1"]').waitFor();
    const hops = await page.locator('#case-timeline li').evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
    expect(hops.slice(0, 2)).toEqual(['ugov.intake.case-submitted.v1', 'ugov.dispatch.case-assigned.v1']);
    expect(await page.locator('#case-timeline').innerText()).toContain('签收 Signed');
    const signOff = page.locator('#case-clock-table tbody tr[data-hop="sign-off"]');
    await signOff.waitFor();
    expect(await signOff.innerText()).toContain('已停止 Stopped');
    expect(await page.locator('#case-clock-table tbody tr[data-hop="reply"]').innerText()).toContain('计时中 Running');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-case.png'), fullPage: true });

    // Chinese is drawn with a CJK font (fonts-wqy-microhei), not as boxes: ask the browser which fonts drew the heading.
    expect(await page.locator('h1').innerText()).toContain('一路监督 · 监察面板');
    const cdp = await page.context().newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    await cdp.send('CSS.enable');
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts.filter((font) => /wenquanyi|wqy/i.test(font.familyName) && font.glyphCount > 0)).not.toEqual([]);
  });

  it('shows a department only its own: the case to city-housing, nothing of it to city-transport', async () => {
    await signIn(`dev-${HOUSING}-handler`);
    await page.locator(`#clock-table tbody tr[data-case-id="${caseId}"]`).waitFor();
    await page.locator(`#warning-table tbody tr[data-case-id="${caseId}"]`).first().waitFor();
    // Oversight-only figures are refused by the API, and the page says so.
    await page.locator('#card-audit .value').filter({ hasText: '无权查看' }).waitFor();
    await page.locator('#card-dead-letters .value').filter({ hasText: '无权查看' }).waitFor();
    await page.locator(`#clock-table tbody tr[data-case-id="${caseId}"] .case-link`).click();
    await statusOf('case-timeline').filter({ hasText: '无权查看' }).waitFor();
    await page.locator('#case-clock-table tbody tr[data-hop="reply"]').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-department.png'), fullPage: true });

    await page.click('#sign-out');
    await page.locator('#sign-in').waitFor({ state: 'visible' });
    // A token pasted in works as well as the password form.
    await page.fill('#token-form [name=token]', await devToken('dev-city-transport-handler'));
    await page.click('#token-form button[type=submit]');
    await page.locator('#who').filter({ hasText: 'city-transport' }).waitFor();
    await statusOf('clocks').waitFor();
    await statusOf('warnings').waitFor();
    expect(await page.locator(`#clock-table tbody tr[data-case-id="${caseId}"]`).count()).toBe(0);
    expect(await page.locator(`#warning-table tbody tr[data-case-id="${caseId}"]`).count()).toBe(0);
  });
});
