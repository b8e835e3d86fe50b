/**
 * Opens a report in Debian's headless Chromium (playwright-core, never a downloaded browser) and returns
 * what rendered. Used by the tests; `null` when /usr/bin/chromium or playwright-core is absent.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Chromium's executable (Debian's package). */
export const CHROMIUM = process.env.GIRL_CHROMIUM ?? '/usr/bin/chromium';

/** What rendered in the page. */
export interface RenderedReport {
  charts: number;
  paths: number;
  points: number;
  /** Width × height of each chart's SVG box as laid out. */
  boxes: { width: number; height: number }[];
  consoleErrors: string[];
  failedRequests: string[];
  title: string;
}

/** Why the browser test cannot run here, or null when it can. */
export async function chromiumUnavailable(): Promise<string | null> {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is absent (install Debian's chromium: apt-get install -y chromium)`;
  try {
    await import('playwright-core');
  } catch {
    return 'playwright-core is not installed';
  }
  return null;
}

/** Loads `file` and measures its charts. */
export async function renderInChromium(file: string): Promise<RenderedReport> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    const failedRequests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) failedRequests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // runs in the page (a string, so this Node package needs no DOM types)
    const r = (await page.evaluate(`(() => {
      const svgs = Array.from(document.querySelectorAll('svg.chart'));
      return {
        charts: svgs.length,
        paths: document.querySelectorAll('svg.chart path.series').length,
        points: document.querySelectorAll('svg.chart circle.point').length,
        boxes: svgs.map((s) => { const b = s.getBoundingClientRect(); return { width: b.width, height: b.height }; }),
        title: document.title,
      };
    })()`)) as Omit<RenderedReport, 'consoleErrors' | 'failedRequests'>;
    return { ...r, consoleErrors, failedRequests };
  } finally {
    await browser.close();
  }
}
