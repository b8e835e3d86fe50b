// A packed, register-blocked SGEMM (the classic Goto/BLIS structure, written for GIRL):
//   for jc over N in NC-wide panels:          pack op(B)[kc × nc] into NR-wide strips
//     for pc over K in KC-deep slices:
//       for ic over M in MC-tall blocks:      pack op(A)[mc × kc] into MR-tall strips
//         for each (MR × NR) tile:            micro-kernel: MR·NR accumulators held in registers
// GCC/Clang vector extensions give the micro-kernel 512-bit vectors with AVX-512, 256-bit with AVX and
// 128-bit otherwise, from the same source; -march=native picks at build time (the addon is built on the
// machine that runs it).
#include "gemm.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "simd.h"
#include "thread-pool.h"

namespace girl {
namespace {

constexpr int MR = 6;
constexpr int NR = 2 * VL;
constexpr int KC = 256;
constexpr int MC = 96;   // multiple of MR
constexpr int NC = 1024; // multiple of NR

struct Buffers {
  float* a = nullptr;
  float* b = nullptr;
  Buffers() {
    a = static_cast<float*>(std::aligned_alloc(64, sizeof(float) * MC * KC));
    b = static_cast<float*>(std::aligned_alloc(64, sizeof(float) * KC * NC));
  }
  ~Buffers() {
    std::free(a);
    std::free(b);
  }
};

Buffers& buffers() {
  thread_local Buffers buf;
  return buf;
}

// op(A)(i, k) for A stored M×K (lda = K) or, transposed, K×M (lda = M).
inline float a_at(const float* A, bool t, int64_t lda, int64_t i, int64_t k) { return t ? A[k * lda + i] : A[i * lda + k]; }

void pack_a(const float* A, bool transA, int64_t lda, int64_t i0, int64_t mc, int64_t k0, int64_t kc, float* out) {
  for (int64_t is = 0; is < mc; is += MR) {
    const int64_t rows = std::min<int64_t>(MR, mc - is);
    if (!transA && rows == MR) {
      for (int64_t k = 0; k < kc; ++k)
        for (int r = 0; r < MR; ++r) out[k * MR + r] = A[(i0 + is + r) * lda + k0 + k];
    } else if (transA && rows == MR) {
      for (int64_t k = 0; k < kc; ++k) std::memcpy(out + k * MR, A + (k0 + k) * lda + i0 + is, MR * sizeof(float));
    } else {
      for (int64_t k = 0; k < kc; ++k)
        for (int r = 0; r < MR; ++r) out[k * MR + r] = r < rows ? a_at(A, transA, lda, i0 + is + r, k0 + k) : 0.0f;
    }
    out += kc * MR;
  }
}

// op(B)(k, j) for B stored K×N (ldb = N) or, transposed, N×K (ldb = K).
void pack_b(const float* B, bool transB, int64_t ldb, int64_t k0, int64_t kc, int64_t j0, int64_t nc, float* out) {
  for (int64_t js = 0; js < nc; js += NR) {
    const int64_t cols = std::min<int64_t>(NR, nc - js);
    if (!transB && cols == NR) {
      for (int64_t k = 0; k < kc; ++k) std::memcpy(out + k * NR, B + (k0 + k) * ldb + j0 + js, NR * sizeof(float));
    } else if (transB) {
      for (int64_t k = 0; k < kc; ++k)
        for (int c = 0; c < NR; ++c) out[k * NR + c] = c < cols ? B[(j0 + js + c) * ldb + k0 + k] : 0.0f;
    } else {
      for (int64_t k = 0; k < kc; ++k)
        for (int c = 0; c < NR; ++c) out[k * NR + c] = c < cols ? B[(k0 + k) * ldb + j0 + js + c] : 0.0f;
    }
    out += kc * NR;
  }
}

// acc[MR × NR] = Σ_k a[k, 0..MR) ⊗ b[k, 0..NR); then C (+)= acc on the rows/cols that exist.
void micro_kernel(int64_t kc, const float* a, const float* b, float* C, int64_t ldc, int rows, int cols, bool add) {
  vf c00 = {}, c01 = {}, c10 = {}, c11 = {}, c20 = {}, c21 = {}, c30 = {}, c31 = {}, c40 = {}, c41 = {}, c50 = {}, c51 = {};
  for (int64_t k = 0; k < kc; ++k) {
    const vf b0 = vload(b), b1 = vload(b + VL);
    vf a0 = vsplat(a[0]), a1 = vsplat(a[1]);
    c00 += a0 * b0; c01 += a0 * b1; c10 += a1 * b0; c11 += a1 * b1;
    a0 = vsplat(a[2]); a1 = vsplat(a[3]);
    c20 += a0 * b0; c21 += a0 * b1; c30 += a1 * b0; c31 += a1 * b1;
    a0 = vsplat(a[4]); a1 = vsplat(a[5]);
    c40 += a0 * b0; c41 += a0 * b1; c50 += a1 * b0; c51 += a1 * b1;
    a += MR;
    b += NR;
  }
  const vf acc[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
  if (rows == MR && cols == NR) {
    for (int r = 0; r < MR; ++r) {
      float* c = C + r * ldc;
      if (add) {
        vstore(c, vload(c) + acc[r][0]);
        vstore(c + VL, vload(c + VL) + acc[r][1]);
      } else {
        vstore(c, acc[r][0]);
        vstore(c + VL, acc[r][1]);
      }
    }
    return;
  }
  alignas(64) float tmp[MR * NR];
  for (int r = 0; r < MR; ++r) {
    vstore(tmp + r * NR, acc[r][0]);
    vstore(tmp + r * NR + VL, acc[r][1]);
  }
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) C[r * ldc + c] = add ? C[r * ldc + c] + tmp[r * NR + c] : tmp[r * NR + c];
}

// One product on the calling thread, restricted to rows [m0, m1) and columns [n0, n1) of C.
void gemm_block(bool transA, bool transB, int64_t M, int64_t N, int64_t K, const float* A, const float* B, float* C,
                bool accumulate, int64_t m0, int64_t m1, int64_t n0, int64_t n1) {
  const int64_t lda = transA ? M : K;
  const int64_t ldb = transB ? K : N;
  const int64_t ldc = N;
  Buffers& buf = buffers();
  if (K == 0) {
    if (!accumulate)
      for (int64_t i = m0; i < m1; ++i) std::memset(C + i * ldc + n0, 0, (n1 - n0) * sizeof(float));
    return;
  }
  for (int64_t jc = n0; jc < n1; jc += NC) {
    const int64_t nc = std::min<int64_t>(NC, n1 - jc);
    for (int64_t pc = 0; pc < K; pc += KC) {
      const int64_t kc = std::min<int64_t>(KC, K - pc);
      const bool add = accumulate || pc > 0;
      pack_b(B, transB, ldb, pc, kc, jc, nc, buf.b);
      for (int64_t ic = m0; ic < m1; ic += MC) {
        const int64_t mc = std::min<int64_t>(MC, m1 - ic);
        pack_a(A, transA, lda, ic, mc, pc, kc, buf.a);
        for (int64_t jr = 0; jr < nc; jr += NR) {
          const int cols = static_cast<int>(std::min<int64_t>(NR, nc - jr));
          for (int64_t ir = 0; ir < mc; ir += MR) {
            const int rows = static_cast<int>(std::min<int64_t>(MR, mc - ir));
            micro_kernel(kc, buf.a + ir * kc, buf.b + jr * kc, C + (ic + ir) * ldc + jc + jr, ldc, rows, cols, add);
          }
        }
      }
    }
  }
}

// Few rows (decoding: M is the batch of new tokens): no packing, stream op(B) once per row block.
void gemm_small_m(bool transA, bool transB, int64_t M, int64_t N, int64_t K, const float* A, const float* B, float* C,
                  bool accumulate, int64_t n0, int64_t n1) {
  const int64_t lda = transA ? M : K;
  const int64_t ldb = transB ? K : N;
  for (int64_t i = 0; i < M; ++i) {
    float* c = C + i * N;
    if (!accumulate) std::memset(c + n0, 0, (n1 - n0) * sizeof(float));
    if (!transB) {
      for (int64_t k = 0; k < K; ++k) {
        const float a = transA ? A[k * lda + i] : A[i * lda + k];
        const vf va = vsplat(a);
        const float* b = B + k * ldb;
        int64_t j = n0;
        for (; j + VL <= n1; j += VL) vstore(c + j, vload(c + j) + va * vload(b + j));
        for (; j < n1; ++j) c[j] += a * b[j];
      }
    } else {
      // C[i, j] = Σ_k A[i, k]·B[j, k]: one dot product per output
      for (int64_t j = n0; j < n1; ++j) {
        const float* b = B + j * ldb;
        vf acc = {};
        int64_t k = 0;
        if (!transA) {
          const float* a = A + i * lda;
          for (; k + VL <= K; k += VL) acc += vload(a + k) * vload(b + k);
        }
        float s = 0;
        for (int l = 0; l < VL; ++l) s += acc[l];
        for (; k < K; ++k) s += (transA ? A[k * lda + i] : A[i * lda + k]) * b[k];
        c[j] += s;
      }
    }
  }
}

}  // namespace

void sgemm_batched(bool transA, bool transB, int64_t batch, int64_t M, int64_t N, int64_t K, const float* A,
                   int64_t strideA, const float* B, int64_t strideB, float* C, int64_t strideC, bool accumulate,
                   ThreadPool* pool) {
  const int threads = pool ? pool->size() : 1;
  const double flops = 2.0 * batch * M * N * K;
  if (M <= 4) {
    const bool split = threads > 1 && batch == 1 && flops >= 2e5 && N >= 2 * VL * threads;
    for (int64_t b = 0; b < batch; ++b) {
      const float* a = A + b * strideA;
      const float* bb = B + b * strideB;
      float* c = C + b * strideC;
      if (!split) {
        gemm_small_m(transA, transB, M, N, K, a, bb, c, accumulate, 0, N);
        continue;
      }
      const int64_t per = ((N + threads - 1) / threads + VL - 1) / VL * VL;
      pool->run(threads, [&](int t) {
        const int64_t n0 = t * per, n1 = std::min<int64_t>(N, n0 + per);
        if (n0 < n1) gemm_small_m(transA, transB, M, N, K, a, bb, c, accumulate, n0, n1);
      });
    }
    return;
  }
  if (threads == 1 || flops < 2e6) {
    for (int64_t b = 0; b < batch; ++b)
      gemm_block(transA, transB, M, N, K, A + b * strideA, B + b * strideB, C + b * strideC, accumulate, 0, M, 0, N);
    return;
  }
  if (batch >= threads) {
    // independent products: one task per batch item
    pool->run(static_cast<int>(batch), [&](int b) {
      gemm_block(transA, transB, M, N, K, A + b * strideA, B + b * strideB, C + b * strideC, accumulate, 0, M, 0, N);
    });
    return;
  }
  // few large products: split each over column blocks (multiples of NR) or, when N is narrow, row blocks
  for (int64_t b = 0; b < batch; ++b) {
    const float* a = A + b * strideA;
    const float* bb = B + b * strideB;
    float* c = C + b * strideC;
    if (N >= static_cast<int64_t>(threads) * NR) {
      const int64_t per = ((N + threads - 1) / threads + NR - 1) / NR * NR;
      pool->run(threads, [&](int t) {
        const int64_t n0 = t * per, n1 = std::min<int64_t>(N, n0 + per);
        if (n0 < n1) gemm_block(transA, transB, M, N, K, a, bb, c, accumulate, 0, M, n0, n1);
      });
    } else {
      const int64_t per = ((M + threads - 1) / threads + MR - 1) / MR * MR;
      pool->run(threads, [&](int t) {
        const int64_t m0 = t * per, m1 = std::min<int64_t>(M, m0 + per);
        if (m0 < m1) gemm_block(transA, transB, M, N, K, a, bb, c, accumulate, m0, m1, 0, N);
      });
    }
  }
}

}  // namespace girl
