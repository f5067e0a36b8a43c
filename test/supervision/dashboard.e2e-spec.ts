import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot, ServiceStack, waitFor } from '@ugov/testing';
import shippedDefinitions from '../../apps/supervision/data/sla-definitions.json';
import { devToken } from '../access/credentials';
import { call, KEYS, submitComplaint } from '../u-loop/http';

/**
 * The oversight dashboard in a real browser (Debian's chromium driven by playwright-core) against the real services:
 * a case whose sign-off ran past a short limit shows as a clock and a red warning; its timeline and clocks open on a
 * click; a department user sees only their own department; Chinese text is drawn with a CJK font, not boxes; the page
 * speaks zh-Hans or en, never both, by the browser's language or the user's choice. Screenshots for humans land in
 * .run/screenshots/, in both languages.
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
  /** A case replied to: its follow-up call (回访) is timed. */
  let repliedCaseId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await stack.start();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });

    // A case through the loop: submitted, assigned to city-housing, its sign-off left past the limit (yellow, then red
    // with a supervision order), then signed; its reply clock keeps running.
    const submit = async (description: string): Promise<string> => {
      const submitted = await submitComplaint(stack, description, {
        categoryCode: 'urban.municipal-facilities',
        location: { regionCode: '430104' },
      });
      return submitted.body.id;
    };
    const sign = (assignmentId: string) =>
      waitFor('processing to sign the assignment', async () => {
        const signed = await call(stack, 'processing', 'POST', `/v1/assignments/${assignmentId}/sign`, KEYS.department(HOUSING));
        return signed.status === 200 ? true : undefined;
      });
    caseId = await submit('小区门口的路灯坏了一个月，晚上很不安全');
    const red = await waitFor('the red warning of the sign-off', async () => {
      const warnings = await call(stack, 'supervision', 'GET', `/v1/warnings?level=red&department=${HOUSING}`, KEYS.supervisor);
      return warnings.body.find?.((warning: { caseId: string }) => warning.caseId === caseId) as { assignmentId: string } | undefined;
    });
    await sign(red.assignmentId);
    await waitFor('the signature on the timeline', async () => {
      const timeline = await call(stack, 'supervision', 'GET', `/v1/cases/${caseId}/timeline`, KEYS.supervisor);
      return timeline.body.hops?.some((hop: { type: string }) => hop.type === 'ugov.processing.assignment-signed.v1') ? true : undefined;
    });

    // Another case, signed and replied to: the reply schedules its follow-up call, whose clock runs.
    repliedCaseId = await submit('楼道里的灯不亮了，老人上下楼不方便');
    const clockOf = async (hop: string) => {
      const clocks = await call(stack, 'supervision', 'GET', `/v1/cases/${repliedCaseId}/clocks`, KEYS.supervisor);
      return clocks.status === 200
        ? (clocks.body as { hop: string; assignmentId: string }[]).find((clock) => clock.hop === hop)
        : undefined;
    };
    const { assignmentId } = await waitFor('the reply clock of the second case', () => clockOf('reply'));
    await sign(assignmentId);
    const replied = await call(stack, 'processing', 'POST', `/v1/assignments/${assignmentId}/reply`, KEYS.department(HOUSING), {
      text: '已更换楼道灯。',
      outcome: 'resolved',
    });
    expect(replied.status).toBe(200);
    await waitFor('the follow-up call’s clock', () => clockOf('follow-up-call'));
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
  /** Every view of the board has been read (again, after a language switch). */
  const viewsLoaded = async () => {
    for (const name of ['clocks', 'warnings', 'kpis']) await statusOf(name).waitFor();
    await page.locator('#updated:not(:empty)').waitFor();
  };
  /**
   * The other language's texts (from labels.js: the fixed ones, and the fixed parts of the composed ones) found
   * anywhere on the page, hidden views included, with data aside: department names and the language switch's own
   * names. In English, any Chinese character outside them counts too.
   */
  const otherLanguageOn = (language: 'zh-Hans' | 'en'): Promise<string[]> =>
    page.evaluate(String.raw`(async () => {
      const { TEXTS } = await import('/dashboard/labels.js');
      const other = TEXTS[${JSON.stringify(language)} === 'en' ? 'zh-Hans' : 'en'];
      const texts = [];
      const walk = (value) => {
        if (typeof value === 'string') texts.push(value);
        else if (typeof value === 'function') texts.push(...String(value('§', '§', '§')).split('§'));
        else if (value && typeof value === 'object') Object.values(value).forEach(walk);
      };
      walk([other.page, other.hops, other.stages, other.states, other.warningLevels, other.zones, other.units, other.events, other.say]);
      const view = document.body.cloneNode(true);
      for (const data of view.querySelectorAll('#language, #kpi-table td:nth-child(2), #kpi-chart text, #kpi-trend text')) data.remove();
      const text = document.title + '\n' + view.textContent;
      const found = [...new Set(texts.map((entry) => entry.trim()))].filter((entry) => /[A-Za-z\u4e00-\u9fff]{2}/.test(entry) && text.includes(entry));
      if (${JSON.stringify(language)} === 'en') found.push(...(text.match(/[\u3000-\u9fff\uff00-\uffef]+/g) ?? []));
      return found;
    })()`);

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
    expect(await clockRow.innerText()).toContain('答复');
    expect(await clockRow.innerText()).toContain(HOUSING);
    const warningRow = page.locator(`#warning-table tbody tr[data-case-id="${caseId}"][data-level="red"]`);
    await warningRow.waitFor();
    expect(await warningRow.innerText()).toContain('签收');
    expect(await page.locator(`#warning-table tbody tr[data-case-id="${caseId}"][data-level="yellow"]`).count()).toBe(1);

    // The overview: the chain verifies, no dead letters nor parked events in this fresh stack.
    await page.locator('#card-audit .value.good').waitFor();
    expect(await page.locator('#card-audit .value').innerText()).toMatch(/^完好 · \d+ 条$/);
    expect(await page.locator('#card-dead-letters .value').innerText()).toBe('0');
    expect(await page.locator('#card-parked .value').innerText()).toBe('0');

    // KPIs: this month's ranking with zones (city-housing has today's case), every rate a column of its own.
    await statusOf('kpis').waitFor();
    const housingRow = page.locator(`#kpi-table tbody tr[data-key="${HOUSING}"]`);
    await housingRow.waitFor();
    expect(await housingRow.getAttribute('data-zone')).toMatch(/^(blue|yellow|red)$/);
    expect(await housingRow.innerText()).toMatch(/[蓝黄红]区/);
    const headings = await page.locator('#kpi-table thead th').allInnerTexts();
    for (const rate of ['及时签收率', '响应率', '按时办结率', '答复率', '解决率', '满意率', '退单率', '重办率', '回访率'])
      expect(headings).toContain(rate);
    expect(await housingRow.locator('td').count()).toBe(headings.length);
    await page.locator('#kpi-chart svg rect').first().waitFor();
    await page.locator(`#kpi-trend svg circle[data-key="${HOUSING}"]`).waitFor();
    // The export goes through the API with the user's token and is saved by the browser.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#kpi-csv')]);
    expect(download.suggestedFilename()).toMatch(/^kpis-department-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(HOUSING);
    // By category: the page shows the rows the API gives for this month by category.
    const month = new URLSearchParams({
      from: await page.inputValue('#kpi-filters [name=from]'),
      to: await page.inputValue('#kpi-filters [name=to]'),
    });
    const byCategory = await call(stack, 'supervision', 'GET', `/v1/kpis?${month}&by=category`, KEYS.supervisor);
    expect(byCategory.status).toBe(200);
    expect(byCategory.body.items.length).toBeGreaterThan(0);
    await page.selectOption('#kpi-filters select[name="by"]', 'category');
    await page.click('#kpi-filters button[type="submit"]');
    for (const item of byCategory.body.items as { key: string }[])
      await page.locator(`#kpi-table tbody tr[data-key="${item.key}"]`).waitFor();
    expect(await page.locator(`#kpi-table tbody tr[data-key="${HOUSING}"]`).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-supervisor.png'), fullPage: true });

    // A click opens the case: its clocks (sign-off breached and stopped, reply running) and every hop in order.
    await clockRow.locator('.case-link').click();
    await page.locator('#case-id').filter({ hasText: caseId }).waitFor();
    await page.locator('#case-timeline li[data-type="ugov.processing.assignment-signed.v1"]').waitFor();
    const hops = await page.locator('#case-timeline li').evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
    expect(hops.slice(0, 2)).toEqual(['ugov.intake.case-submitted.v1', 'ugov.dispatch.case-assigned.v1']);
    expect(await page.locator('#case-timeline li[data-type="ugov.processing.assignment-signed.v1"]').innerText()).toContain('签收');
    const signOff = page.locator('#case-clock-table tbody tr[data-hop="sign-off"]');
    await signOff.waitFor();
    expect(await signOff.innerText()).toContain('已停止');
    expect(await page.locator('#case-clock-table tbody tr[data-hop="reply"]').innerText()).toContain('计时中');
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

  it('speaks one language at a time: the browser’s by default, the one chosen kept, the API asked in it', async () => {
    const languages: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/v1/')) languages.push(request.headers()['accept-language']);
    });
    // A Chinese browser gets the page in zh-Hans.
    await signIn('dev-supervisor');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    await page.locator(`#clock-table tbody tr[data-case-id="${caseId}"]`).filter({ hasText: '答复' }).waitFor();
    await page.locator(`#clock-table tbody tr[data-case-id="${repliedCaseId}"]`).filter({ hasText: '回访' }).waitFor();
    await viewsLoaded();
    expect(await page.title()).toBe('一路监督 · 监察面板');
    expect(await otherLanguageOn('zh-Hans')).toEqual([]);
    // The check sees what is shown: asked about the wrong language, it finds this one's texts.
    expect(await otherLanguageOn('en')).toEqual(expect.arrayContaining(['临期与超期时限', '答复']));
    expect(new Set(languages)).toEqual(new Set(['zh-Hans']));

    // Switched to English: every text is English, the API is asked in English, the case opens in English.
    languages.length = 0;
    await page.selectOption('#language', 'en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Supervision dashboard');
    expect(await page.title()).toBe('Supervision dashboard');
    const clockRow = page.locator(`#clock-table tbody tr[data-case-id="${caseId}"]`).filter({ hasText: 'Reply' });
    await clockRow.waitFor();
    await page.locator(`#clock-table tbody tr[data-case-id="${repliedCaseId}"]`).filter({ hasText: 'Follow-up call' }).waitFor();
    await page.locator(`#warning-table tbody tr[data-case-id="${caseId}"][data-level="red"]`).filter({ hasText: 'Sign-off' }).waitFor();
    await page
      .locator('#card-audit .value')
      .filter({ hasText: /^Intact · \d+ entr(y|ies)$/ })
      .waitFor();
    expect(await page.locator('#clock-table thead').innerText()).toMatch(/Case\s+Department\s+Hop\s+Stage\s+State\s+Due\s+Remaining/);
    await viewsLoaded();
    expect(await otherLanguageOn('en')).toEqual([]);
    expect(await otherLanguageOn('zh-Hans')).toEqual(expect.arrayContaining(['Clocks near or past due', 'Reply']));
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-supervisor-en.png'), fullPage: true });
    await clockRow.locator('.case-link').click();
    await page.locator('#case-timeline li[data-type="ugov.processing.assignment-signed.v1"]').filter({ hasText: 'Signed' }).waitFor();
    expect(await page.locator('#case-clock-table tbody tr[data-hop="sign-off"]').innerText()).toContain('Stopped');
    expect(await page.locator('#case-clock-table tbody tr[data-hop="reply"]').innerText()).toMatch(
      /Running[\s\S]*working (days|hours)|minutes/,
    );
    await statusOf('case-timeline').waitFor();
    expect(await otherLanguageOn('en')).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-case-en.png'), fullPage: true });
    expect(languages.length).toBeGreaterThan(0);
    expect(new Set(languages)).toEqual(new Set(['en']));

    // The choice outlives a reload (this browser says zh-CN); switching back is all Chinese again.
    await page.reload();
    await page.locator('#board').waitFor({ state: 'visible' });
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.evaluate("localStorage.getItem('ugov.dashboard.language')")).toBe('en');
    await page.locator(`#clock-table tbody tr[data-case-id="${caseId}"]`).filter({ hasText: 'Reply' }).waitFor();
    await page.selectOption('#language', 'zh-Hans');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    await page.locator(`#clock-table tbody tr[data-case-id="${caseId}"]`).filter({ hasText: '答复' }).waitFor();
    await viewsLoaded();
    expect(await otherLanguageOn('zh-Hans')).toEqual([]);

    // An English browser that chose nothing gets English from the start, the sign-in form too.
    const english = await browser.newPage({ locale: 'en-US' });
    try {
      await english.goto(`${stack.url('supervision')}/dashboard`);
      await english.locator('#sign-in').waitFor({ state: 'visible' });
      expect(await english.getAttribute('html', 'lang')).toBe('en');
      expect(await english.locator('#sign-in h2').innerText()).toBe('Sign in');
      expect(await english.locator('#token-form button').innerText()).toBe('Use token');
    } finally {
      await english.close();
    }
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
