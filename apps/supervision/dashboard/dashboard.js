// The oversight dashboard: signs staff in, then reads the supervision API with their own token and shows what it
// answers. Nothing here decides who sees what: a department user gets only their department from the API.
// One language at a time (zh-Hans or en): every fixed text comes from that language's table in labels.js, and the
// API is asked for the same language.
import { eventLabel, label, LANGUAGE_NAMES, LANGUAGES, languageFor, TEXTS, UNIT_MS } from './labels.js';

const TOKEN_KEY = 'ugov.dashboard.token';
const LANGUAGE_KEY = 'ugov.dashboard.language';
const params = new URLSearchParams(location.search);
const REFRESH_MS = Math.max(5, Number(params.get('refresh')) || 30) * 1000;
const LIST_LIMIT = 200;

const $ = (selector) => document.querySelector(selector);
const state = { token: sessionStorage.getItem(TOKEN_KEY), caseId: null, timer: undefined, refreshing: false, refreshAgain: false };

// ---- the language --------------------------------------------------------------------------------------------------

/** The language chosen on this browser before, else the browser's own. */
function initialLanguage() {
  const chosen = localStorage.getItem(LANGUAGE_KEY);
  return LANGUAGES.includes(chosen) ? chosen : languageFor(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

let texts = TEXTS[initialLanguage()];
let timeFormat;

/** Writes every fixed text of the page in `language`, and keeps the choice for the next visit. */
function applyLanguage(language) {
  texts = TEXTS[language];
  document.documentElement.lang = language;
  document.title = texts.page.title;
  for (const element of document.querySelectorAll('[data-text]')) element.textContent = texts.page[element.dataset.text];
  for (const element of document.querySelectorAll('[data-aria-label]')) element.setAttribute('aria-label', texts.page[element.dataset.ariaLabel]);
  for (const option of document.querySelectorAll('option[data-stage]')) option.textContent = texts.stages[option.dataset.stage];
  for (const option of document.querySelectorAll('option[data-warning-level]')) option.textContent = texts.warningLevels[option.dataset.warningLevel];
  for (const option of $('#language').options) option.textContent = LANGUAGE_NAMES[option.value];
  $('#language').value = language;
  timeFormat = new Intl.DateTimeFormat(texts.locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
  localStorage.setItem(LANGUAGE_KEY, language);
}

/** Another language: what the page showed in the last one goes, and is read again in the new one. */
function switchLanguage(language) {
  applyLanguage(language);
  $('#sign-in-error').textContent = '';
  if (!state.token) return;
  clearViews();
  $('#who').textContent = describe(state.token);
  void refresh();
}

// ---- the API -------------------------------------------------------------------------------------------------------

/** GET a supervision route with the user's token: `{status, body}`; a 401 signs the user out (the token expired). */
async function api(path) {
  const response = await fetch(path, { headers: { authorization: `Bearer ${state.token}`, 'accept-language': texts.language } });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (response.status === 401) {
    signOut(texts.say.signedOut(body?.detail ?? texts.say.tokenRefused));
    throw new Error('signed out');
  }
  return { status: response.status, body };
}

/** What to say instead of the data: not permitted, not available, or the problem's own words. */
function failure({ status, body }) {
  if (status === 403) return { state: 'forbidden', text: texts.say.forbidden };
  if (status === 404) return { state: 'unavailable', text: texts.say.unavailable };
  return { state: 'error', text: texts.say.error(status, body?.detail ?? body?.title ?? '') };
}

function setStatus(name, status, text = '') {
  const element = document.querySelector(`.status[data-for="${name}"]`);
  element.dataset.state = status;
  element.textContent = text;
}

// ---- formatting ----------------------------------------------------------------------------------------------------

const time = (iso) => (iso ? timeFormat.format(new Date(iso)) : '—');

/** Counted working time in the limit's unit, in the page's language ("2.5 working days"), and so much overdue once past due. */
function duration(ms, unit) {
  const known = unit in UNIT_MS ? unit : 'minutes';
  const amount = `${(Math.abs(ms) / UNIT_MS[known]).toFixed(1)} ${texts.units[known]}`;
  return ms < 0 ? texts.say.overdueBy(amount) : amount;
}

const percent = (rate) => (typeof rate === 'number' ? `${(rate <= 1 ? rate * 100 : rate).toFixed(1)}%` : '—');
const number = (value, digits = 0) => (typeof value === 'number' ? value.toFixed(digits) : '—');

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function badge(text, kind) {
  const td = document.createElement('td');
  const span = document.createElement('span');
  span.className = `badge ${kind}`;
  span.textContent = text;
  td.append(span);
  return td;
}

function caseCell(caseId) {
  const td = document.createElement('td');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'case-link';
  button.dataset.caseId = caseId;
  button.title = caseId;
  button.textContent = caseId.slice(0, 8);
  td.append(button);
  return td;
}

function fillRows(tbody, rows) {
  tbody.replaceChildren(...rows);
}

// ---- the views -----------------------------------------------------------------------------------------------------

function showCard(id, text, kind = '') {
  const value = document.querySelector(`#${id} .value`);
  value.textContent = text;
  value.className = `value ${kind}`;
}

async function loadOverview() {
  const [open, breached, warnings, deadLetters, parked, audit] = await Promise.all([
    api('/v1/clocks?limit=1000'),
    api('/v1/clocks?state=breached&limit=1000'),
    api('/v1/warnings?limit=500'),
    api('/v1/dead-letters/counts'),
    api('/v1/parked-events?limit=1'),
    api('/v1/audit/verify'),
  ]);
  const count = (list) => (list.length >= 1000 ? '1000+' : String(list.length));
  showCard('card-running', open.status === 200 ? count(open.body) : failure(open).text);
  showCard('card-breached', breached.status === 200 ? count(breached.body) : failure(breached).text, breached.body?.length ? 'bad' : '');
  if (warnings.status === 200) {
    const of = (level) => warnings.body.filter((warning) => warning.level === level).length;
    showCard('card-warnings', texts.say.warningCounts(of('yellow'), of('red'), of('escalation')), of('red') + of('escalation') ? 'bad' : '');
  } else showCard('card-warnings', failure(warnings).text);
  showCard('card-dead-letters', deadLetters.status === 200 ? String(deadLetters.body.total) : failure(deadLetters).text, deadLetters.body?.total ? 'bad' : '');
  showCard('card-parked', parked.status === 200 ? String(parked.body.total) : failure(parked).text, parked.body?.total ? 'bad' : '');
  if (audit.status === 200) {
    const { ok, entriesVerified, firstBreak } = audit.body;
    showCard(
      'card-audit',
      ok ? texts.say.chainIntact(entriesVerified) : texts.say.chainBroken(firstBreak?.seq ?? '?', firstBreak?.reason ?? ''),
      ok ? 'good' : 'bad',
    );
  } else showCard('card-audit', failure(audit).text);
}

async function loadClocks() {
  const form = new FormData($('#clock-filters'));
  const query = new URLSearchParams({ state: form.get('breached') ? 'breached' : 'running', limit: String(LIST_LIMIT) });
  const department = String(form.get('department') ?? '').trim();
  if (department) query.set('department', department);
  const response = await api(`/v1/clocks?${query}`);
  const tbody = $('#clock-table tbody');
  if (response.status !== 200) {
    const { state: status, text } = failure(response);
    setStatus('clocks', status, text);
    return fillRows(tbody, []);
  }
  const stage = form.get('stage');
  const clocks = response.body.filter((clock) => !stage || (stage === 'near' ? clock.stage !== 'green' : clock.stage === stage));
  setStatus('clocks', 'ready', clocks.length ? texts.say.clocksListed(clocks.length) : texts.say.none);
  fillRows(
    tbody,
    clocks.map((clock) => {
      const row = document.createElement('tr');
      row.dataset.caseId = clock.caseId;
      row.dataset.stage = clock.stage;
      row.append(
        caseCell(clock.caseId),
        cell(clock.departmentCode),
        cell(label(texts.hops, clock.hop)),
        badge(label(texts.stages, clock.stage), clock.stage),
        cell(label(texts.states, clock.state)),
        cell(time(clock.dueAt)),
        cell(duration(clock.remainingMs, clock.limit.unit), clock.remainingMs < 0 ? 'bad' : ''),
      );
      return row;
    }),
  );
}

async function loadWarnings() {
  const level = new FormData($('#warning-filters')).get('level');
  const query = new URLSearchParams({ limit: String(LIST_LIMIT) });
  if (level) query.set('level', String(level));
  const response = await api(`/v1/warnings?${query}`);
  const tbody = $('#warning-table tbody');
  if (response.status !== 200) {
    const { state: status, text } = failure(response);
    setStatus('warnings', status, text);
    return fillRows(tbody, []);
  }
  setStatus('warnings', 'ready', response.body.length ? texts.say.warningsListed(response.body.length) : texts.say.none);
  fillRows(
    tbody,
    response.body.map((warning) => {
      const row = document.createElement('tr');
      row.dataset.caseId = warning.caseId;
      row.dataset.level = warning.level;
      row.append(
        badge(`${label(texts.warningLevels, warning.level)}${warning.threshold.startsWith('alarm:') ? ` #${warning.threshold.slice(6)}` : ''}`, warning.level),
        caseCell(warning.caseId),
        cell(warning.departmentCode),
        cell(label(texts.hops, warning.hop)),
        cell(time(warning.firedAt)),
        cell(time(warning.orderDueAt)),
        cell(warning.escalatedTo ?? '—'),
      );
      return row;
    }),
  );
}

async function loadCase() {
  const caseId = state.caseId;
  if (!caseId) return;
  $('#case').hidden = false;
  $('#case-id').textContent = caseId;
  const [clocks, timeline] = await Promise.all([api(`/v1/cases/${caseId}/clocks`), api(`/v1/cases/${caseId}/timeline`)]);
  if (caseId !== state.caseId) return; // another case was opened meanwhile
  const clockBody = $('#case-clock-table tbody');
  if (clocks.status === 200) {
    setStatus('case-clocks', 'ready', '');
    fillRows(
      clockBody,
      clocks.body.map((clock) => {
        const row = document.createElement('tr');
        row.dataset.hop = clock.hop;
        row.append(
          cell(label(texts.hops, clock.hop)),
          cell(String(clock.cycle)),
          cell(clock.departmentCode),
          cell(`${Number(clock.limit.amount.toFixed(2))} ${label(texts.units, clock.limit.unit)}`),
          badge(label(texts.stages, clock.stage), clock.stage),
          cell(label(texts.states, clock.state)),
          cell(time(clock.startedAt)),
          cell(time(clock.dueAt)),
          clock.state === 'stopped' ? cell('—') : cell(duration(clock.remainingMs, clock.limit.unit), clock.remainingMs < 0 ? 'bad' : ''),
        );
        return row;
      }),
    );
  } else {
    const { state: status, text } = failure(clocks);
    setStatus('case-clocks', status, status === 'unavailable' ? texts.say.noClockForUser : text);
    fillRows(clockBody, []);
  }
  const list = $('#case-timeline');
  if (timeline.status === 200) {
    setStatus('case-timeline', 'ready', texts.say.hopsListed(timeline.body.hops.length));
    list.replaceChildren(
      ...timeline.body.hops.map((hop) => {
        const item = document.createElement('li');
        item.dataset.type = hop.type;
        const when = document.createElement('time');
        when.dateTime = hop.occurredAt;
        when.textContent = time(hop.occurredAt);
        const what = document.createElement('strong');
        what.textContent = eventLabel(texts, hop.type);
        const where = document.createElement('span');
        where.className = 'muted';
        const actor = hop.details?.actorDepartment ?? hop.details?.actorSubject;
        where.textContent = ` ${hop.service}${actor ? ` · ${actor}` : ''}`;
        item.append(when, ' ', what, where);
        return item;
      }),
    );
  } else {
    const { state: status, text } = failure(timeline);
    setStatus('case-timeline', status, text);
    list.replaceChildren();
  }
}

function drawKpiChart(items) {
  const chart = $('#kpi-chart');
  const top = items.filter((item) => typeof item.score === 'number').slice(0, 15);
  if (!top.length) return chart.replaceChildren();
  const svgNs = 'http://www.w3.org/2000/svg';
  const rowHeight = 22;
  const width = 640;
  const labelWidth = 200;
  const max = Math.max(100, ...top.map((item) => item.score));
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${top.length * rowHeight + 4}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', texts.page.score);
  top.forEach((item, index) => {
    const y = index * rowHeight + 2;
    const name = document.createElementNS(svgNs, 'text');
    name.setAttribute('x', String(labelWidth - 6));
    name.setAttribute('y', String(y + 15));
    name.setAttribute('text-anchor', 'end');
    name.textContent = `${item.rank ?? index + 1}. ${item.name ?? item.key}`;
    const bar = document.createElementNS(svgNs, 'rect');
    bar.setAttribute('x', String(labelWidth));
    bar.setAttribute('y', String(y + 3));
    bar.setAttribute('height', String(rowHeight - 6));
    bar.setAttribute('width', String(Math.max(1, ((width - labelWidth - 50) * item.score) / max)));
    bar.setAttribute('class', `zone-${item.zone ?? 'none'}`);
    const value = document.createElementNS(svgNs, 'text');
    value.setAttribute('x', String(labelWidth + 4 + ((width - labelWidth - 50) * item.score) / max));
    value.setAttribute('y', String(y + 15));
    value.textContent = item.score.toFixed(1);
    svg.append(name, bar, value);
  });
  chart.replaceChildren(svg);
}

const TREND_MONTHS = 6;
const TREND_SERIES = 5;

/** The last TREND_MONTHS calendar months in China time, oldest first, the current one up to today. */
function lastMonths(today) {
  const [year, month] = today.split('-').map(Number);
  return Array.from({ length: TREND_MONTHS }, (_, index) => {
    const back = TREND_MONTHS - 1 - index;
    const first = new Date(Date.UTC(year, month - 1 - back, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
    const from = first.toISOString().slice(0, 10);
    return { label: from.slice(0, 7), from, to: back === 0 ? today : last.toISOString().slice(0, 10) };
  });
}

/** Scores month by month for the best ranked now (a department sees its own): a line each, in inline SVG. */
async function loadKpiTrend(by, current) {
  const chart = $('#kpi-trend');
  const keys = current.filter((item) => typeof item.score === 'number').slice(0, TREND_SERIES);
  if (!keys.length) return chart.replaceChildren();
  const months = lastMonths(chinaToday());
  const answers = await Promise.all(months.map((month) => api(`/v1/kpis?${new URLSearchParams({ from: month.from, to: month.to, by })}`)));
  const scoreOf = (answer, key) => (answer.status === 200 ? answer.body.items?.find((item) => item.key === key)?.score : undefined);
  const svgNs = 'http://www.w3.org/2000/svg';
  const [width, height, left, top, bottom, legend] = [640, 200, 36, 10, 24, 180];
  const plotWidth = width - left - legend;
  const x = (index) => left + (plotWidth * index) / (months.length - 1);
  const y = (score) => top + ((height - top - bottom) * (100 - score)) / 100;
  const element = (name, attributes, text) => {
    const node = document.createElementNS(svgNs, name);
    for (const [attribute, value] of Object.entries(attributes)) node.setAttribute(attribute, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const svg = element('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': texts.say.scoreByMonth });
  for (const score of [0, 50, 100]) {
    svg.append(element('line', { x1: left, x2: left + plotWidth, y1: y(score), y2: y(score), class: 'grid' }));
    svg.append(element('text', { x: left - 4, y: y(score) + 4, 'text-anchor': 'end' }, String(score)));
  }
  months.forEach((month, index) => svg.append(element('text', { x: x(index), y: height - 6, 'text-anchor': 'middle' }, month.label)));
  keys.forEach((item, series) => {
    const points = answers
      .map((answer, index) => ({ index, score: scoreOf(answer, item.key) }))
      .filter((point) => typeof point.score === 'number');
    const className = `trend-${series}`;
    svg.append(element('polyline', { points: points.map((point) => `${x(point.index)},${y(point.score)}`).join(' '), class: className, 'data-key': item.key }));
    for (const point of points) svg.append(element('circle', { cx: x(point.index), cy: y(point.score), r: 3, class: className, 'data-key': item.key }));
    const legendY = top + 14 + series * 18;
    svg.append(element('line', { x1: width - legend + 10, x2: width - legend + 26, y1: legendY - 4, y2: legendY - 4, class: className }));
    svg.append(element('text', { x: width - legend + 30, y: legendY }, item.name ?? item.key));
  });
  chart.replaceChildren(svg);
}

const chinaToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

function kpiQuery() {
  const form = new FormData($('#kpi-filters'));
  return new URLSearchParams({ from: String(form.get('from')), to: String(form.get('to')), by: String(form.get('by')) });
}

/** The KPI table as the API's CSV, saved by the browser (a plain link could not send the token). */
async function exportKpis() {
  const response = await fetch(`/v1/kpis.csv?${kpiQuery()}`, {
    headers: { authorization: `Bearer ${state.token}`, 'accept-language': texts.language },
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    const { state: status, text } = failure({ status: response.status, body });
    return setStatus('kpis', status, texts.say.exportFailed(text));
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `kpis-${kpiQuery().get('by')}-${kpiQuery().get('from')}-${kpiQuery().get('to')}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

async function loadKpis() {
  const response = await api(`/v1/kpis?${kpiQuery()}`);
  const tbody = $('#kpi-table tbody');
  if (response.status !== 200) {
    const { state: status, text } = failure(response);
    setStatus('kpis', status, status === 'unavailable' ? texts.say.kpisUnavailable : text);
    $('#kpi-chart').replaceChildren();
    $('#kpi-trend').replaceChildren();
    return fillRows(tbody, []);
  }
  const items = [...(response.body.items ?? [])].sort((left, right) => (left.rank ?? Infinity) - (right.rank ?? Infinity));
  setStatus('kpis', 'ready', items.length ? `${response.body.from} — ${response.body.to}` : texts.say.noCases);
  drawKpiChart(items);
  const trend = loadKpiTrend(String(kpiQuery().get('by')), items);
  fillRows(
    tbody,
    items.map((item) => {
      const row = document.createElement('tr');
      row.dataset.key = item.key;
      row.dataset.zone = item.zone;
      row.append(
        cell(number(item.rank)),
        cell(item.name ?? item.key),
        badge(label(texts.zones, item.zone), item.zone),
        cell(number(item.score, 1)),
        cell(number(item.cases)),
        cell(percent(item.signedOnTimeRate)),
        cell(percent(item.respondedRate)),
        cell(percent(item.repliedOnTimeRate)),
        cell(percent(item.repliedRate)),
        cell(percent(item.resolvedRate)),
        cell(percent(item.satisfactionRate)),
        cell(percent(item.returnRate)),
        cell(percent(item.redoRate)),
        cell(percent(item.followUpRate)),
        cell(number(item.overdue), item.overdue ? 'bad' : ''),
      );
      return row;
    }),
  );
  await trend;
}

// ---- refreshing, signing in and out --------------------------------------------------------------------------------

/** Reads every view again; asked while a refresh runs (the language changed), it runs once more after it. */
async function refresh() {
  if (!state.token) return;
  if (state.refreshing) {
    state.refreshAgain = true;
    return;
  }
  state.refreshing = true;
  clearTimeout(state.timer);
  try {
    await Promise.all([loadOverview(), loadClocks(), loadWarnings(), loadCase(), loadKpis()]);
    $('#updated').textContent = texts.say.updated(time(new Date().toISOString()));
  } catch (error) {
    if (error.message !== 'signed out') $('#updated').textContent = texts.say.refreshFailed(error.message);
  } finally {
    state.refreshing = false;
    if (state.refreshAgain) {
      state.refreshAgain = false;
      void refresh();
    } else if (state.token) state.timer = setTimeout(refresh, REFRESH_MS);
  }
}

/** Who the token says the user is, for display only (the API decides what they may read). */
function describe(token) {
  try {
    const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    const departments = claims.departments?.length ? ` · ${claims.departments.join(', ')}` : '';
    return `${claims.sub} (${(claims.roles ?? []).join(', ')}${departments})`;
  } catch {
    return texts.say.token;
  }
}

function signIn(token) {
  state.token = token;
  sessionStorage.setItem(TOKEN_KEY, token);
  $('#sign-in').hidden = true;
  $('#sign-in-error').textContent = '';
  $('#board').hidden = false;
  $('#session').hidden = false;
  $('#who').textContent = describe(token);
  void refresh();
}

/** Empties every view (what a user was shown, in the language it was shown in). */
function clearViews() {
  for (const status of document.querySelectorAll('.status')) {
    delete status.dataset.state;
    status.textContent = '';
  }
  for (const tbody of document.querySelectorAll('tbody')) tbody.replaceChildren();
  for (const value of document.querySelectorAll('.card .value')) showCard(value.parentElement.id, '…');
  $('#case-timeline').replaceChildren();
  $('#kpi-chart').replaceChildren();
  $('#kpi-trend').replaceChildren();
  $('#updated').textContent = '';
}

function signOut(message = '') {
  state.token = null;
  state.caseId = null;
  clearTimeout(state.timer);
  sessionStorage.removeItem(TOKEN_KEY);
  // Nothing of the last user stays on the page.
  clearViews();
  $('#board').hidden = true;
  $('#session').hidden = true;
  $('#case').hidden = true;
  $('#sign-in').hidden = false;
  $('#sign-in-error').textContent = message;
}

async function passwordGrant(tokenEndpoint, username, password) {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', username, password }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) throw new Error(body.error_description ?? texts.say.issuerAnswered(response.status));
  return body.access_token;
}

async function start() {
  applyLanguage(texts.language);
  $('#language').addEventListener('change', (event) => switchLanguage(event.target.value));
  // This month so far, in China time (the KPI periods' calendar).
  const today = chinaToday();
  $('#kpi-filters [name=from]').value = `${today.slice(0, 8)}01`;
  $('#kpi-filters [name=to]').value = today;

  const config = await fetch('/dashboard/config.json').then((response) => response.json()).catch(() => ({ tokenEndpoint: null }));
  if (config.tokenEndpoint) {
    $('#password-form').hidden = false;
    $('#password-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const form = new FormData(event.target);
      try {
        signIn(await passwordGrant(config.tokenEndpoint, String(form.get('username')).trim(), String(form.get('password'))));
      } catch (error) {
        $('#sign-in-error').textContent = texts.say.signInFailed(error.message);
      }
    });
  }
  $('#token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = String(new FormData(event.target).get('token')).trim().replace(/^Bearer\s+/i, '');
    if (token) signIn(token);
  });
  $('#sign-out').addEventListener('click', () => signOut());
  $('#refresh').addEventListener('click', () => void refresh());
  $('#kpi-csv').addEventListener('click', () => void exportKpis().catch(() => undefined));
  for (const [form, load] of [
    ['#clock-filters', loadClocks],
    ['#warning-filters', loadWarnings],
    ['#kpi-filters', loadKpis],
  ])
    $(form).addEventListener('submit', (event) => {
      event.preventDefault();
      void load().catch(() => undefined);
    });
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('.case-link');
    if (!link) return;
    state.caseId = link.dataset.caseId;
    void loadCase()
      .then(() => $('#case').scrollIntoView({ behavior: 'smooth' }))
      .catch(() => undefined);
  });
  $('#close-case').addEventListener('click', () => {
    state.caseId = null;
    $('#case').hidden = true;
  });

  if (state.token) signIn(state.token);
  else signOut();
}

void start();
