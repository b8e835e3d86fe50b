import { describe, expect, it } from 'vitest';
import * as api from './index.js';
import * as internal from './internal.js';
import * as node from './node.js';

describe('public surface', () => {
  it('the main entry holds the tokenizer API', () => {
    for (const name of ['Tokenizer', 'TokenizerError', 'StreamDecoder', 'truncateIds', 'packBatch', 'DEFAULT_SPECIAL_TOKENS', 'GPT2_PATTERN', 'VERSION']) expect(api, name).toHaveProperty(name);
  });

  it('the WTF-8 codec and the format names are only in @girl/tokenizer/internal', () => {
    expect(Object.keys(internal).sort()).toEqual(['FORMAT', 'FORMAT_VERSION', 'PIECE_FORMAT', 'decodeWtf8', 'encodeWtf8']);
    const pub = new Set([...Object.keys(api), ...Object.keys(node)]);
    for (const name of Object.keys(internal)) expect(pub.has(name), `${name} is internal`).toBe(false);
  });
});
