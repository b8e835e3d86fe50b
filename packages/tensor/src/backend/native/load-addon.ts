import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The functions of GIRL's N-API addon (`native/src/addon.cc`). All arrays are used in place. */
export interface NativeAddon {
  /**
   * `C[b] (+)= op(A[b]) · op(B[b])` for `b < batch`, row-major; `op(A)` is M×K (A stored K×M when
   * `transA`), `op(B)` is K×N; strides in elements between batch items (0 broadcasts).
   */
  gemm(
    transA: boolean,
    transB: boolean,
    batch: number,
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    strideA: number,
    b: Float32Array,
    strideB: number,
    c: Float32Array,
    strideC: number,
    accumulate: boolean,
  ): void;
  /** `y = gelu_tanh(x)` element-wise. */
  geluForward(x: Float32Array, y: Float32Array): void;
  /** `dx = dy · gelu_tanh'(x)` element-wise. */
  geluBackward(x: Float32Array, dy: Float32Array, dx: Float32Array): void;
  /** Per row: `loss = w·(logsumexp − logit[label])`, `grad = w·(softmax − onehot)`. */
  crossEntropyForward(logits: Float32Array, labels: Int32Array, weights: Float32Array, loss: Float32Array, grad: Float32Array, rows: number, cols: number): void;
  /** Layer norm over rows of `[rows, cols]`, also writing each row's mean and 1/std. */
  layerNormForward(x: Float32Array, gain: Float32Array, bias: Float32Array, eps: number, y: Float32Array, mean: Float32Array, rstd: Float32Array, rows: number, cols: number): void;
  /** Gradients of {@link layerNormForward}. */
  layerNormBackward(dy: Float32Array, x: Float32Array, gain: Float32Array, mean: Float32Array, rstd: Float32Array, dx: Float32Array, dgain: Float32Array, dbias: Float32Array, rows: number, cols: number): void;
  /** `out[o, i] = Σ_r x[o, r, i]`. */
  reduceSum(x: Float32Array, out: Float32Array, outer: number, reduce: number, inner: number): void;
  /** Attention of `tq` new queries over `tk` cached keys (heads interleaved in the last axis); no gradient. */
  cachedAttention(q: Float32Array, k: Float32Array, v: Float32Array, keyMask: Float32Array | null, out: Float32Array, batch: number, tq: number, tk: number, heads: number, headDim: number): void;
  /** One AdamW step into new arrays (see native/src/fused.h for the formula). */
  adamwUpdate(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, pOut: Float32Array, mOut: Float32Array, vOut: Float32Array, beta1: number, beta2: number, eps: number, stepSize: number, sqrtBias2: number, decay: number): void;
  /**
   * Copies a GPT-2-style decoder's weights into the addon (see native/src/decoder-napi.cc for the order of
   * `arrays`); `dims` = [vocab, context, channels, hidden, layers, heads, eps]. Returns an opaque handle.
   */
  decoderWeights(dims: number[], arrays: Float32Array[], headTransposed: boolean): unknown;
  /** A KV cache for `batch` rows of at most `maxLen` positions over weights from {@link decoderWeights}. */
  decoderSession(weights: unknown, batch: number, maxLen: number): unknown;
  /** Feeds `t` tokens per row (`[B, t]` ids, positions, 0/1 key mask); writes the last token's logits `[B, V]`. */
  decoderForward(session: unknown, ids: Int32Array, positions: Int32Array, mask: Float32Array, t: number, logits: Float32Array): void;
  /** Frees a session's cache now (otherwise at garbage collection). */
  decoderRelease(session: unknown): void;
  setThreads(n: number): void;
  getThreads(): number;
  /** Vector width the kernels were compiled for: 512 (AVX-512), 256 (AVX2) or 128. */
  simdWidth(): number;
}

/** Where the package root is: the nearest folder above this module whose package.json names @girl/tensor. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj) && (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === '@girl/tensor') return dir;
    dir = dirname(dir);
  }
  throw new Error('could not find the @girl/tensor package root');
}

let cached: { addon?: NativeAddon; error?: string } | undefined;

/**
 * Loads the native addon built at install time (`native/out/girl_native.node`), or returns why
 * it is not available. `GIRL_NATIVE_ADDON` overrides the path; `GIRL_NATIVE=0` disables it.
 */
export function loadNativeAddon(): { addon?: NativeAddon; error?: string } {
  if (cached) return cached;
  if (process.env.GIRL_NATIVE === '0') return (cached = { error: 'disabled by GIRL_NATIVE=0' });
  try {
    const path = process.env.GIRL_NATIVE_ADDON ?? join(packageRoot(), 'native', 'out', 'girl_native.node');
    if (!existsSync(path)) {
      return (cached = {
        error: `the native addon was not built (${path} is missing); rebuild it with \`npm rebuild @girl/tensor\` (needs python3, make and a C++17 compiler)`,
      });
    }
    const require = createRequire(import.meta.url);
    return (cached = { addon: require(path) as NativeAddon });
  } catch (e) {
    return (cached = { error: `the native addon failed to load: ${(e as Error).message}` });
  }
}
