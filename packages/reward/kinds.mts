import { createJobMarket, splitByGroup } from '@girl/data';
import { initBackend } from '@girl/tensor';
import { RewardModel, auc } from './src/index.ts';
await initBackend('auto');
const market = createJobMarket({ seed: 1, people: 8000, pairs: 32000 });
const { test } = splitByGroup(market.pairs, { key: (p) => p.group, seed: 1, ratios: { train: 0.8, validation: 0.1, test: 0.1 } });
const rm = await RewardModel.load(process.argv[2]!);
const s = await rm.score(test.map((p) => p.cv), test.map((p) => p.jd));
const y = test.map((p) => (p.truth ? 1 : 0));
console.log('all', auc(s, y).toFixed(4));
for (const k of ['hard-negative-skills', 'hard-negative-seniority', 'random-negative']) {
  const idx = test.map((p, i) => [p, i] as const).filter(([p]) => p.kind === k || p.kind === 'positive');
  console.log(k, auc(idx.map(([, i]) => s[i]!), idx.map(([p]) => (p.truth ? 1 : 0))).toFixed(4), idx.filter(([p])=>p.kind===k).length);
}
// seniority negatives: by gap
const o = market;
const gaps: Record<string, number[]> = {};
test.forEach((p, i) => { if (p.kind !== 'hard-negative-seniority') return; const f = o.fit(p.cv, p.jd); const k = String(f.seniorityGap); (gaps[k] ??= []).push(s[i]!); });
const posMean = s.filter((_, i) => test[i]!.kind === 'positive').reduce((a, b) => a + b, 0) / test.filter((p) => p.kind === 'positive').length;
console.log('pos mean', posMean.toFixed(2), Object.fromEntries(Object.entries(gaps).map(([k, v]) => [k, [v.length, (v.reduce((a, b) => a + b, 0) / v.length).toFixed(2)]])));
console.log('lexical w', Array.from(rm.head.lexical?.dataSync() ?? []), 'alpha', Array.from(rm.head.interaction?.dataSync() ?? []));
