import { describe, expect, it } from 'vitest';
import { escapeHtml, lineChart, ticks } from './svg-chart.js';

describe('svg chart', () => {
  it('draws one path per series and a point per value', () => {
    const svg = lineChart(
      [
        { name: 'a', points: [[1, 2], [2, 1], [3, 0.5]] },
        { name: 'b', points: [[1, 1], [3, 1.5]] },
      ],
      { title: 'T <1>' },
    );
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(5);
    expect(svg).toContain('T &lt;1&gt;');
    expect(svg).not.toContain('NaN');
  });

  it('says so when there is no data, and skips non-finite points', () => {
    expect(lineChart([{ name: 'a', points: [] }], { title: 'x' })).toContain('no data recorded');
    const svg = lineChart([{ name: 'a', points: [[1, NaN], [2, 3]] }], { title: 'x' });
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(svg).not.toContain('NaN');
  });

  it('ticks are round numbers inside the range', () => {
    expect(ticks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(3, 3)).toEqual([3]);
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
