/**
 * Text for tests and benchmarks: the RJDB CV/JD texts when /work/shared (or GIRL_RJDB_DIR) holds them,
 * otherwise a seeded synthetic corpus of English and Chinese job-market text. Not exported by the package.
 * @module
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const RJDB_FIELDS = ['Job-Description', 'Resume-matched', 'Resume-unmatched'];

/** Reads the RJDB texts, or returns undefined if the data is absent. */
export function loadRjdbTexts(dir = process.env.GIRL_RJDB_DIR ?? '/work/shared/data/rjdb'): string[] | undefined {
  const files = ['train.jsonl', 'test.jsonl'].map((f) => join(dir, f));
  if (!files.every((f) => existsSync(f))) return undefined;
  const texts: string[] = [];
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as Record<string, unknown>;
      for (const k of RJDB_FIELDS) if (typeof row[k] === 'string' && row[k] !== '') texts.push(row[k]);
    }
  }
  return texts;
}

/** A small seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN = 'we are seeking a senior data engineer with experience in python sql spark and cloud platforms the candidate will design build and maintain pipelines work with analysts and product teams required skills include communication leadership machine learning java kubernetes docker aws azure'.split(' ');
const ZH = ['我们', '正在', '招聘', '高级', '数据', '工程师', '负责', '设计', '开发', '维护', '平台', '要求', '熟悉', '经验', '团队', '沟通', '能力', '优先', '上海', '北京', '本科', '以上', '学历', '算法', '推荐', '系统'];
const PUNCT = [', ', '. ', '! ', '? ', '；', '，', '。', '\n', '\n\n', ' - ', ': ', ' (', ') ', ' 2024', ' 3-5 ', "'s", ' 🚀'];

/** A seeded synthetic text of mixed English and Chinese job-market sentences. */
export function syntheticText(seed: number, words = 200): string {
  const r = rng(seed);
  let s = '';
  for (let i = 0; i < words; i++) {
    const x = r();
    if (x < 0.55) s += (s.endsWith(' ') || s === '' ? '' : ' ') + EN[Math.floor(r() * EN.length)]!;
    else if (x < 0.85) s += ZH[Math.floor(r() * ZH.length)]!;
    else s += PUNCT[Math.floor(r() * PUNCT.length)]!;
  }
  return s;
}

/** RJDB texts if present, else `count` synthetic ones. */
export function corpus(count = 600): string[] {
  return loadRjdbTexts() ?? Array.from({ length: count }, (_, i) => syntheticText(i + 1));
}
