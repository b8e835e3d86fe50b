/**
 * @girl/data for browsers (the package's `"browser"` export condition): the types and the text utilities
 * (normalising, CV/JD sections, skill matching). Left out, because they read files: the JSONL/CSV/RJDB
 * loaders and writers. The seeded RNG is @girl/core's (`createRng` there).
 * @packageDocumentation
 */
import { version } from '../package.json';

/** This package's version, taken from its package.json when it is built (the bundler inlines it). */
export const VERSION: string = version;

export type { CV, JD, LabelledPair, SftPair, Interaction, InteractionEvent, Seniority, Located } from './types.js';
export { SENIORITY_LEVELS, INTERACTION_EVENTS } from './types.js';
export { normalizeText, foldPhrase, countWords } from './text/normalize.js';
export type { NormalizeOptions } from './text/normalize.js';
export { parseSections, getSection, listItems, sectionKey, SECTION_SYNONYMS } from './text/sections.js';
export type { Section } from './text/sections.js';
export { createPhraseMatcher, listedSkills } from './text/skills.js';
export type { PhraseMatcher } from './text/skills.js';
