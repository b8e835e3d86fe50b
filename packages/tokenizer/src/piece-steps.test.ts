import { describe, expect, it } from 'vitest';
import type { PieceDecodeStep } from './piece-data.js';
import { bytePieceValue } from './piece-data.js';
import { applyMetaspace, decodePieces, normalizePieceText, pieceText } from './piece-steps.js';

const LLAMA2_DECODER: PieceDecodeStep[] = [{ type: 'replace', from: '▁', to: ' ' }, { type: 'byte-fallback' }, { type: 'fuse' }, { type: 'strip', content: ' ', start: 1, stop: 0 }];

describe('SentencePiece-style text steps', () => {
  it('normalises in order: Prepend, Replace, Unicode forms', () => {
    const steps = [{ type: 'prepend', text: '▁' }, { type: 'replace', from: ' ', to: '▁' }] as const;
    expect(normalizePieceText(' Hello  world', steps)).toBe('▁▁Hello▁▁world');
    expect(normalizePieceText('cafe\u0301', [{ type: 'unicode', form: 'NFC' }])).toBe('café');
  });

  it('puts the Metaspace replacement in front per prepend scheme, never twice', () => {
    const first = { replacement: '▁', prependScheme: 'first' } as const;
    expect(applyMetaspace('a b', first, true)).toBe('▁a▁b');
    expect(applyMetaspace('a b', first, false)).toBe('a▁b');
    expect(applyMetaspace(' a', { replacement: '▁', prependScheme: 'always' }, false)).toBe('▁a');
    expect(applyMetaspace('a', { replacement: '▁', prependScheme: 'never' }, true)).toBe('a');
  });

  it("decodes like Llama 2's decoder: spaces back, byte runs as UTF-8, one leading space dropped", () => {
    expect(decodePieces(['▁Hello', '▁', '<0xE4>', '<0xB8>', '<0xAD>', '!'], LLAMA2_DECODER)).toBe('Hello 中!');
    expect(decodePieces(['▁▁x'], LLAMA2_DECODER)).toBe(' x');
    expect(decodePieces(['<0xE4>', '<0xB8>', 'a'], LLAMA2_DECODER)).toBe('\uFFFD\uFFFDa'); // broken run: one U+FFFD per byte
    expect(decodePieces(['<0xEF>', '<0xBB>', '<0xBF>'], LLAMA2_DECODER)).toBe('\uFEFF'); // a BOM is text, not dropped
    expect(decodePieces([], LLAMA2_DECODER)).toBe('');
  });

  it('strips from the end too, and the Metaspace decoder drops only the first token’s space', () => {
    expect(decodePieces(['xx', 'ax'], [{ type: 'strip', content: 'x', start: 0, stop: 1 }])).toBe('xa');
    expect(decodePieces(['▁a', '▁b'], [{ type: 'metaspace', replacement: '▁' }])).toBe('a b');
  });

  it('gives each piece its own text or byte for decodeBytes', () => {
    const p = { decoder: LLAMA2_DECODER, byteFallback: true };
    expect(pieceText('▁the', p)).toBe(' the');
    expect(pieceText('<0x0A>', p)).toBe(10);
    expect(pieceText('<0x0A>', { decoder: [{ type: 'fuse' }], byteFallback: true })).toBe('<0x0A>');
    expect(bytePieceValue('<0xff>')).toBe(255);
    expect(bytePieceValue('<0x0G>')).toBe(-1);
  });
});
