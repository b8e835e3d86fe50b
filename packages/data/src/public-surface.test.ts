import { describe, expect, it } from 'vitest';
import * as browser from './browser.js';
import * as api from './index.js';
import * as internal from './internal.js';

describe('public surface', () => {
  it('the main entry holds the loaders, splits, market and text utilities the README documents', () => {
    const documented = [
      'VERSION', 'SENIORITY_LEVELS', 'DataError', 'createLoadReport', 'readAll', 'readJsonl', 'readCsv', 'readPairs', 'loadPairs',
      'readSftPairs', 'loadSftPairs', 'readInteractions', 'loadInteractions', 'writeJsonl', 'readRjdb', 'loadRjdb', 'rjdbToPairs',
      'rjdbToSftPairs', 'splitByGroup', 'findLeaks', 'normalizeText', 'foldPhrase', 'countWords', 'parseSections', 'getSection',
      'listItems', 'SECTION_SYNONYMS', 'createPhraseMatcher', 'listedSkills', 'createJobMarket', 'resolveMarketOptions',
      'simulateInteractions', 'createFitOracle', 'OCCUPATIONS', 'FAMILIES', 'SOFT_SKILLS', 'SENIORITY_WORDS', 'SENIORITY_YEARS',
    ];
    for (const name of documented) expect(api, name).toHaveProperty(name);
  });

  it('the browser entry keeps the text utilities and leaves out whatever reads files', () => {
    for (const name of ['VERSION', 'parseSections', 'getSection', 'listItems', 'createPhraseMatcher', 'normalizeText']) expect(browser, name).toHaveProperty(name);
    for (const name of ['loadPairs', 'readJsonl', 'writeJsonl']) expect(browser, name).not.toHaveProperty(name);
  });

  it('the plumbing and the @girl/core duplicates are only in @girl/data/internal', () => {
    expect(Object.keys(internal).sort()).toEqual([
      'COMPANIES', 'DEFAULT_MAX_FIELD_BYTES', 'DEFAULT_MAX_LINE_BYTES', 'createRng', 'hashString', 'readLines', 'toRecordStream',
    ]);
    const pub = new Set([...Object.keys(api), ...Object.keys(browser)]);
    for (const name of Object.keys(internal)) expect(pub.has(name), `${name} is internal`).toBe(false);
  });
});
