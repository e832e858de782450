// browser.mjs - reportc's HTML edition in a real browser, printing TAP.
//
// Each file is first validated by html-validate (its recommended rules).
//
// usage: node browser.mjs GOLDEN-DIR OUT-DIR [--update] NAME=FILE.html[:shots] ...
//
// Debian's Chromium, driven headless by puppeteer-core (no browser
// download), loads each file and checks: zero violations of axe-core's
// WCAG 2.0/2.1/2.2 A and AA rules at 1280 and at 320 px; no horizontal
// scrolling at 320 px, nor at 640 px with the text at 200%; every internal
// link's target exists; focus is visible on a link; body text contrasts
// 7:1 with its background. For a NAME marked :shots, screenshots at 320,
// 768 and 1280 px (the top of the page and the first section with a
// chart) are compared with the reviewed goldens in GOLDEN-DIR, allowing a
// small share of pixels to differ (anti-aliasing); --update writes them.
// The screenshots taken go to OUT-DIR, to look at.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';
import { HtmlValidate } from 'html-validate';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
const update = args.includes('--update');
const [goldenDir, outDir, ...files] = args.filter((a) => a !== '--update');
fs.mkdirSync(outDir, { recursive: true });
if (update)
  fs.mkdirSync(goldenDir, { recursive: true });

// The share of pixels that may differ from the golden, and by how much a
// channel must differ for a pixel to count.
const TOLERANCE = 0.01;
const CHANNEL = 48;

let n = 0;
let failed = 0;
const lines = [];
function ok(cond, name, detail) {
  n++;
  if (!cond)
    failed++;
  lines.push(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond && detail)
    for (const l of String(detail).split('\n'))
      lines.push(`# ${l}`);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none',
    '--hide-scrollbars', '--force-color-profile=srgb'],
});

async function axe(page, label) {
  await page.addScriptTag({ content: axeSource });
  const res = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} node(s), e.g. ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ')}`);
  });
  ok(res.length === 0, `${label}: no WCAG 2.2 A/AA violation (axe-core)`, res.join('\n'));
}

async function compare(page, shot, golden) {
  // Decoded and compared by the browser itself: no image library needed.
  const a = fs.readFileSync(shot).toString('base64');
  const b = fs.readFileSync(golden).toString('base64');
  return page.evaluate(async (a, b, channel) => {
    const load = (s) => new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = reject;
      img.src = `data:image/png;base64,${s}`;
    });
    const [x, y] = [await load(a), await load(b)];
    if (x.width !== y.width || x.height !== y.height)
      return { size: `${x.width}x${x.height} against ${y.width}x${y.height}`, share: 1 };
    const data = (img) => {
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      return g.getImageData(0, 0, img.width, img.height).data;
    };
    const [p, q] = [data(x), data(y)];
    let diff = 0;
    for (let i = 0; i < p.length; i += 4)
      if (Math.abs(p[i] - q[i]) > channel || Math.abs(p[i + 1] - q[i + 1]) > channel ||
          Math.abs(p[i + 2] - q[i + 2]) > channel)
        diff++;
    return { size: '', share: diff / (p.length / 4) };
  }, a, b, CHANNEL);
}

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

for (const spec of files) {
  const [name, rest] = spec.split('=');
  const [file, shots] = rest.split(':');
  const url = `file://${path.resolve(file)}`;

  const report = await validator.validateFile(file);
  const messages = report.results.flatMap((r) => r.messages)
    .map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  ok(report.valid, `${name}: valid HTML (html-validate, recommended rules)`, messages.slice(0, 10).join('\n'));
  const page = await browser.newPage();

  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  await axe(page, `${name} at 1280 px`);

  const links = await page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')]
    .map((a) => a.getAttribute('href').slice(1))
    .filter((id) => !document.getElementById(decodeURIComponent(id))));
  ok(links.length === 0, `${name}: every internal link's target exists`, links.slice(0, 5).join(' '));

  const focus = await page.evaluate(() => {
    const a = document.querySelector('main a[href]');
    if (!a)
      return 'none';
    a.focus({ focusVisible: true });
    const s = getComputedStyle(a);
    return `${s.outlineStyle} ${s.outlineWidth}`;
  });
  await page.keyboard.press('Tab');
  const tabbed = await page.evaluate(() => {
    const a = document.activeElement;
    const s = getComputedStyle(a);
    return `${a.tagName} ${s.outlineStyle} ${s.outlineWidth}`;
  });
  ok(!/^\w+ none/.test(tabbed) && !/ 0px$/.test(tabbed), `${name}: focus is visible on a link`,
    `${focus}; after Tab: ${tabbed}`);

  const contrast = await page.evaluate(() => {
    const lum = (c) => {
      const [r, g, b] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const p = document.querySelector('main p');
    const fg = lum(getComputedStyle(p).color);
    const bg = lum(getComputedStyle(document.body).backgroundColor === 'rgba(0, 0, 0, 0)'
      ? getComputedStyle(document.documentElement).backgroundColor
      : getComputedStyle(document.body).backgroundColor);
    return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  });
  ok(contrast >= 7, `${name}: body text contrasts at least 7:1`, `${contrast.toFixed(2)}:1`);

  const widths = shots ? [320, 768, 1280] : [320];
  for (const w of widths) {
    await page.setViewport({ width: w, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    if (w === 320) {
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      ok(over <= 0, `${name}: no horizontal scrolling at 320 px`, `${over} px too wide`);
      await axe(page, `${name} at 320 px`);
    }
    if (!shots)
      continue;
    const targets = [['top', null], ['chart', 'section:has(figure.chart)']];
    for (const [part, selector] of targets) {
      const base = `${name}-${part}-${w}.png`;
      const shot = path.join(outDir, base);
      if (selector) {
        const el = await page.$(selector);
        const box = await el.boundingBox();
        await page.screenshot({ path: shot, clip: { x: 0, y: box.y, width: w, height: Math.min(box.height, 2400) }, captureBeyondViewport: true });
      } else {
        await page.screenshot({ path: shot });
      }
      const golden = path.join(goldenDir, base);
      if (update) {
        fs.copyFileSync(shot, golden);
        ok(true, `${name}: ${part} at ${w} px written as the golden`);
        continue;
      }
      if (!fs.existsSync(golden)) {
        ok(false, `${name}: ${part} at ${w} px matches its golden`, `no golden ${golden}`);
        continue;
      }
      const r = await compare(page, shot, golden);
      ok(!r.size && r.share <= TOLERANCE, `${name}: ${part} at ${w} px matches its golden`,
        r.size || `${(100 * r.share).toFixed(2)}% of pixels differ (see ${shot})`);
    }
  }

  // Text at 200%: at 640 px (1280 px zoomed to 200%) nothing scrolls sideways.
  await page.setViewport({ width: 640, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  ok(over <= 0, `${name}: text at 200% (640 px) needs no horizontal scrolling`, `${over} px too wide`);
  await page.close();
}
await browser.close();

console.log(`1..${n}`);
console.log(lines.join('\n'));
process.exit(failed ? 1 : 0);
