// check-report.mjs REPORT.html ARTIFACT_DIR -- renders an entente HTML
// report in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) on a phone (390 px), a wide screen (1280 px) and in
// print (and at 320 and 640 px, the edges of the two chart layouts), and
// checks what a reader would notice:
//   - the page never scrolls sideways;
//   - no chart text is rendered smaller than 9 CSS px;
//   - no two text boxes of one chart overlap, and no chart text runs
//     through a data line;
//   - every rationale and value is visible in print;
//   - the exchange network is drawn once, within the page, at each width;
//   - every contradiction between documents and its quotes is shown;
//   - no console error, and no request besides the page itself.
// Screenshots and a PDF go to ARTIFACT_DIR.  Prints one PASS/FAIL line
// per check and "N passed, N failed"; exits 1 when anything failed.
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const MIN_FONT_PX = 9;
const OVERLAP_PX = 0.5; // boxes may touch, not overlap by more than this

const [reportPath, artifactDir] = process.argv.slice(2);
if (!reportPath || !artifactDir) {
  console.error('usage: node check-report.mjs REPORT.html ARTIFACT_DIR');
  process.exit(2);
}
mkdirSync(artifactDir, { recursive: true });
const url = pathToFileURL(resolve(reportPath)).href;

let passed = 0;
let failed = 0;
function check(name, problems) {
  if (problems.length === 0) {
    passed++;
    console.log(`PASS browser: ${name}`);
    return;
  }
  failed++;
  console.log(`FAIL browser: ${name}`);
  for (const p of problems.slice(0, 12)) console.log(`    ${p}`);
  if (problems.length > 12) console.log(`    ... and ${problems.length - 12} more`);
}

// Runs in the page: every visible text of every chart, with the CSS
// pixel size it is drawn at (its font size times the scale of the SVG's
// transform to the screen) and its rendered box.
function measureCharts({ minFont, overlapPx }) {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden') return false;
    }
    return true;
  };
  // a text's own words, without its tooltip
  const words = (t) => [...t.childNodes]
    .filter((n) => n.nodeName !== 'title').map((n) => n.textContent).join('');
  const chartName = (svg) =>
    svg.getAttribute('aria-label') || svg.closest('figure')?.id || '(chart)';
  const small = [];
  const overlaps = [];
  const crossings = [];
  let texts = 0;
  let charts = 0;
  for (const svg of document.querySelectorAll('svg.chart')) {
    if (!visible(svg)) continue;
    charts++;
    const boxes = [];
    for (const t of svg.querySelectorAll('text')) {
      if (!visible(t) || words(t).trim() === '') continue;
      const m = t.getScreenCTM();
      const scale = Math.hypot(m.a, m.b);
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      texts++;
      if (px < minFont - 1e-6)
        small.push(`${chartName(svg)}: "${words(t)}" at ${px.toFixed(2)} px`);
      const r = t.getBoundingClientRect();
      boxes.push({ text: words(t), l: r.left, r: r.right, t: r.top, b: r.bottom });
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
        const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
        if (w > overlapPx && h > overlapPx)
          overlaps.push(`${chartName(svg)}: "${a.text}" overlaps "${b.text}"`);
      }
    // data lines: the polylines of the chart's series, in screen space
    const segs = [];
    for (const pl of svg.querySelectorAll('.series polyline')) {
      if (!visible(pl)) continue;
      const m = pl.getScreenCTM();
      const pts = [];
      for (const p of pl.points) pts.push([m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f]);
      for (let k = 1; k < pts.length; k++) segs.push([pts[k - 1], pts[k]]);
    }
    const hits = (s, box) => {
      // Liang-Barsky clip of the segment against the box, shrunk a little
      const l = box.l + 1, r = box.r - 1, t = box.t + 1, b = box.b - 1;
      if (l >= r || t >= b) return false;
      let [x0, y0] = s[0];
      const dx = s[1][0] - x0, dy = s[1][1] - y0;
      let u0 = 0, u1 = 1;
      for (const [p, q] of [[-dx, x0 - l], [dx, r - x0], [-dy, y0 - t], [dy, b - y0]]) {
        if (p === 0) { if (q < 0) return false; continue; }
        const u = q / p;
        if (p < 0) { if (u > u1) return false; if (u > u0) u0 = u; }
        else { if (u < u0) return false; if (u < u1) u1 = u; }
      }
      return u0 <= u1;
    };
    for (const box of boxes)
      if (segs.some((s) => hits(s, box)))
        crossings.push(`${chartName(svg)}: a data line runs through "${box.text}"`);
  }
  const doc = document.documentElement;
  return {
    charts, texts, small, overlaps, crossings,
    scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth,
  };
}

// Runs in the page: wider-than-the-page elements, to say what overflows.
function widest() {
  const w = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > w + 0.5 && out.length < 5)
      out.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}"> ends at ${r.right.toFixed(0)} px`);
  }
  return out;
}

// Runs in the page: the exchange network (section#exchanges) is drawn
// once at the width shown, and neither it nor its frame scrolls sideways.
function exchangeNetwork() {
  const sec = document.querySelector('section#exchanges');
  if (!sec) return ['the report has no exchange network'];
  const page = document.documentElement.clientWidth;
  const out = [];
  const shown = [...sec.querySelectorAll('figure.chart-fig svg.chart')]
    .filter((svg) => svg.getClientRects().length > 0);
  if (shown.length !== 1) out.push(`${shown.length} drawings of the network shown, expected 1`);
  for (const svg of shown) {
    const r = svg.getBoundingClientRect();
    if (r.right > page + 0.5) out.push(`the network ends at ${r.right.toFixed(0)} px of ${page} px`);
    if (svg.querySelectorAll('text').length === 0) out.push('the network has no labels');
  }
  for (const fig of sec.querySelectorAll('figure'))
    if (fig.scrollWidth > fig.clientWidth + 0.5)
      out.push(`its frame scrolls sideways (${fig.scrollWidth} px in ${fig.clientWidth} px)`);
  return out;
}

// Runs in the page: the contradictions between documents, each row and
// each of its quotes shown.
function contradictionsShown() {
  const rows = document.querySelectorAll('#contradictions table.contradictions tbody tr');
  if (rows.length === 0) return ['the page has no contradictions section'];
  const out = [];
  const shown = (el) => el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== 'hidden';
  for (const tr of rows) {
    if (!shown(tr)) out.push(`contradiction hidden: ${tr.id}`);
    for (const q of tr.querySelectorAll('q.quote'))
      if (!shown(q)) out.push(`${tr.id}: quote hidden: "${q.textContent.slice(0, 40)}"`);
  }
  return out;
}

// Runs in the page: rationales and input values that a reader of the
// printed page would not see.
function hiddenInPrint() {
  const out = [];
  const shown = (el) => el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== 'hidden';
  const rationales = document.querySelectorAll('.rationale');
  if (rationales.length === 0) out.push('the page has no rationales');
  for (const el of rationales)
    if (!shown(el)) out.push(`rationale hidden: "${el.textContent.slice(0, 60)}"`);
  for (const el of document.querySelectorAll('table.inputs td.num'))
    if (!shown(el)) out.push('an input value is hidden');
  return out;
}

const profile = mkdtempSync(join(tmpdir(), 'entente-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
  ],
  viewport: { width: 1280, height: 900 },
});
const consoleErrors = [];
const requests = [];
context.on('request', (req) => { if (req.url().split('#')[0] !== url) requests.push(req.url()); });
// nothing but the page itself may load, whatever the page asks for
await context.route('**/*', (route) =>
  route.request().url().split('#')[0] === url ? route.continue() : route.abort());

try {
  const page = context.pages()[0] || (await context.newPage());
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  await page.goto(url, { waitUntil: 'load' });
  // what is folded away must fit the page too once opened
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));

  const layouts = [
    { name: '390 px', width: 390, height: 844, media: 'screen' },
    { name: '1280 px', width: 1280, height: 900, media: 'screen' },
    // the edges: the smallest phone, and the narrowest screen that gets
    // the wide drawings
    { name: '320 px', width: 320, height: 700, media: 'screen', quick: true },
    { name: '640 px', width: 640, height: 900, media: 'screen', quick: true },
    // the printable width of an A4 page with the report's 14 mm margins
    { name: 'print', width: 688, height: 1000, media: 'print' },
  ];
  for (const l of layouts) {
    await page.emulateMedia({ media: l.media });
    await page.setViewportSize({ width: l.width, height: l.height });
    const m = await page.evaluate(measureCharts, { minFont: MIN_FONT_PX, overlapPx: OVERLAP_PX });
    const tag = l.name.replace(/ /g, '');
    check(`${l.name}: no horizontal overflow (page ${m.scrollWidth} px in ${m.clientWidth} px)`,
      m.scrollWidth > m.clientWidth ? await page.evaluate(widest) : []);
    check(`${l.name}: ${m.texts} texts in ${m.charts} charts all at >= ${MIN_FONT_PX} CSS px`,
      m.charts === 0 ? ['no chart is visible'] : m.small);
    check(`${l.name}: no overlapping text boxes within a chart`, m.overlaps);
    check(`${l.name}: no chart text crossed by a data line`, m.crossings);
    check(`${l.name}: the exchange network is drawn once and fits the page`,
      await page.evaluate(exchangeNetwork));
    check(`${l.name}: every contradiction and its quotes shown`, await page.evaluate(contradictionsShown));
    if (l.media === 'print') check('print: rationales and values shown', await page.evaluate(hiddenInPrint));
    if (l.quick) continue;
    await page.screenshot({ path: join(artifactDir, `report-${tag}-top.png`) });
    const fig = page.locator('section.issue figure.chart-fig').first();
    await fig.screenshot({ path: join(artifactDir, `report-${tag}-rounds.png`) });
    const strip = page.locator('section.issue figure.chart-fig.models').first();
    if (await strip.count()) await strip.screenshot({ path: join(artifactDir, `report-${tag}-models.png`) });
    const network = page.locator('section#exchanges figure.chart-fig').first();
    if (await network.count()) await network.screenshot({ path: join(artifactDir, `report-${tag}-exchanges.png`) });
    const inputs = page.locator('section.issue table.inputs').first();
    await inputs.screenshot({ path: join(artifactDir, `report-${tag}-inputs.png`) });
  }
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: join(artifactDir, 'report.pdf'), format: 'A4', preferCSSPageSize: true });
  check('no console errors', consoleErrors);
  check('no network requests', requests);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
