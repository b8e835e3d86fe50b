/** DOM rendering of the explanation and the nearest jobs (text only: nothing from a CV becomes markup). */
import type { Explanation } from '../../generate/explain.js';
import type { PageJob } from '../page-manifest.js';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** Fills `root` with the CV skills and experience the JD builds on, as `girl generate --explain` lists them. */
export function renderExplanation(root: HTMLElement, e: Explanation): void {
  root.replaceChildren();
  for (const [title, items] of [['CV skills', e.skills], ['CV experience', e.experience]] as const) {
    const used = items.filter((x) => x.used).length;
    root.append(el('h3', items.length ? `${title} the JD builds on (${used} of ${items.length})` : `${title}: none found in the CV`));
    if (!items.length) continue;
    const ul = el('ul', undefined, 'explain');
    for (const x of items) {
      const li = el('li', undefined, x.used ? 'used' : 'unused');
      li.append(el('span', x.used ? '✓' : '·', 'mark'), el('span', ` ${x.item}`));
      li.setAttribute('aria-label', `${x.item}: ${x.used ? 'used' : 'not used'}`);
      ul.append(li);
    }
    root.append(ul);
  }
}

/** Fills `root` with the nearest real jobs (best first), or says there is no job index. */
export function renderJobs(root: HTMLElement, jobs: { job: PageJob; similarity: number }[], total: number): void {
  root.replaceChildren();
  if (total === 0) {
    root.append(el('p', 'No job index was served with this run (start girl serve with --jobs <file> to rank real jobs).'));
    return;
  }
  const ol = el('ol', undefined, 'jobs');
  for (const { job, similarity } of jobs) {
    const li = el('li');
    const head = el('div', undefined, 'job-head');
    head.append(el('strong', job.title ?? job.text.slice(0, 60).replace(/\s+/g, ' ')), el('span', ` similarity ${similarity.toFixed(3)}`, 'sim'));
    const details = el('details');
    details.append(el('summary', `Job ${job.id}: full text`), el('pre', job.text));
    li.append(head, details);
    ol.append(li);
  }
  root.append(ol);
}
