// Single-precision matrix products for GIRL's native backend.
#pragma once
#include <cstdint>

namespace girl {

class ThreadPool;

// C[b] (+)= op(A[b]) · op(B[b]) for b in [0, batch), row-major.
//   op(A) is M×K: A is stored M×K (transA = false) or K×M (transA = true); same for B (K×N or N×K).
//   strideA/B/C: elements between consecutive batch items (0 broadcasts one matrix to every item).
//   accumulate: add into C instead of overwriting it.
// Uses the pool's threads over batch items, or over column/row blocks of one large product.
void sgemm_batched(bool transA, bool transB, int64_t batch, int64_t M, int64_t N, int64_t K,
                   const float* A, int64_t strideA, const float* B, int64_t strideB,
                   float* C, int64_t strideC, bool accumulate, ThreadPool* pool);

}  // namespace girl
