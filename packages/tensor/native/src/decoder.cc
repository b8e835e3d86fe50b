#include "decoder.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "fused.h"
#include "gemm.h"
#include "simd.h"
#include "thread-pool.h"

namespace girl {
namespace {

// Up to this many rows a product streams the weights once per 4 rows without packing them (decoding);
// above it the packed SGEMM wins (prefill).
constexpr int64_t kStreamRows = 8;
// Products under this many flops stay on the calling thread: a pool wake-up costs tens of microseconds,
// more on a loaded machine, which is more than a small product takes.
constexpr double kSplitFlops = 1.5e6;
// Vectors per column block of the streaming kernel: R·Q accumulators must fit the register file.
constexpr int Q = VL == 16 ? 4 : 2;
constexpr int64_t NB = Q * VL;

// y[r, j] += Σ_k x[r, k]·w[k, j] for R rows and columns [n0, n1); each weight row is read once.
template <int R>
void stream_rows(const float* x, int64_t k, const float* w, int64_t n, float* y, int64_t n0, int64_t n1) {
  int64_t j = n0;
  for (; j + NB <= n1; j += NB) {
    vf acc[R][Q];
    for (int r = 0; r < R; ++r)
      for (int q = 0; q < Q; ++q) acc[r][q] = vload(y + r * n + j + q * VL);
    for (int64_t kk = 0; kk < k; ++kk) {
      const float* wr = w + kk * n + j;
      vf b[Q];
      for (int q = 0; q < Q; ++q) b[q] = vload(wr + q * VL);
      for (int r = 0; r < R; ++r) {
        const vf a = vsplat(x[r * k + kk]);
        for (int q = 0; q < Q; ++q) acc[r][q] += a * b[q];
      }
    }
    for (int r = 0; r < R; ++r)
      for (int q = 0; q < Q; ++q) vstore(y + r * n + j + q * VL, acc[r][q]);
  }
  for (; j + VL <= n1; j += VL) {
    vf acc[R];
    for (int r = 0; r < R; ++r) acc[r] = vload(y + r * n + j);
    for (int64_t kk = 0; kk < k; ++kk) {
      const vf b = vload(w + kk * n + j);
      for (int r = 0; r < R; ++r) acc[r] += vsplat(x[r * k + kk]) * b;
    }
    for (int r = 0; r < R; ++r) vstore(y + r * n + j, acc[r]);
  }
  for (; j < n1; ++j)
    for (int r = 0; r < R; ++r) {
      float s = y[r * n + j];
      for (int64_t kk = 0; kk < k; ++kk) s += x[r * k + kk] * w[kk * n + j];
      y[r * n + j] = s;
    }
}

void stream_product(const float* x, int64_t m, int64_t k, const float* w, const float* bias, int64_t n, float* y,
                    int64_t n0, int64_t n1) {
  for (int64_t r = 0; r < m; ++r) {
    float* yr = y + r * n;
    if (bias) std::memcpy(yr + n0, bias + n0, (n1 - n0) * sizeof(float));
    else std::memset(yr + n0, 0, (n1 - n0) * sizeof(float));
  }
  for (int64_t r = 0; r < m; r += 4) {
    const float* xr = x + r * k;
    float* yr = y + r * n;
    switch (std::min<int64_t>(4, m - r)) {
      case 4: stream_rows<4>(xr, k, w, n, yr, n0, n1); break;
      case 3: stream_rows<3>(xr, k, w, n, yr, n0, n1); break;
      case 2: stream_rows<2>(xr, k, w, n, yr, n0, n1); break;
      default: stream_rows<1>(xr, k, w, n, yr, n0, n1); break;
    }
  }
}

inline float dot(const float* a, const float* b, int64_t n) {
  vf acc = vsplat(0.0f);
  int64_t i = 0;
  for (; i + VL <= n; i += VL) acc += vload(a + i) * vload(b + i);
  float s = hsum(acc);
  for (; i < n; ++i) s += a[i] * b[i];
  return s;
}

// y += a·x over n elements
inline void axpy(float a, const float* x, float* y, int64_t n) {
  const vf va = vsplat(a);
  int64_t i = 0;
  for (; i + VL <= n; i += VL) vstore(y + i, vload(y + i) + va * vload(x + i));
  for (; i < n; ++i) y[i] += a * x[i];
}

inline void add_into(float* x, const float* y, int64_t n) {
  int64_t i = 0;
  for (; i + VL <= n; i += VL) vstore(x + i, vload(x + i) + vload(y + i));
  for (; i < n; ++i) x[i] += y[i];
}

template <class Fn>
void split_tasks(int64_t n, bool parallel, ThreadPool* pool, Fn fn) {
  const int threads = pool ? pool->size() : 1;
  if (!parallel || threads == 1 || n < 2) {
    fn(int64_t{0}, n);
    return;
  }
  const int tasks = static_cast<int>(std::min<int64_t>(threads, n));
  const int64_t per = (n + tasks - 1) / tasks;
  pool->run(tasks, [&](int t) {
    const int64_t b = t * per, e = std::min<int64_t>(n, b + per);
    if (b < e) fn(b, e);
  });
}

void grow(std::vector<float>& v, int64_t n) {
  if (static_cast<int64_t>(v.size()) < n) v.resize(static_cast<size_t>(n));
}

}  // namespace

void linear_rows(const float* x, int64_t m, int64_t k, const float* w, const float* bias, int64_t n, float* y,
                 ThreadPool* pool) {
  if (m > kStreamRows) {
    sgemm_batched(false, false, 1, m, n, k, x, 0, w, 0, y, 0, false, pool);
    if (bias)
      for (int64_t r = 0; r < m; ++r) add_into(y + r * n, bias, n);
    return;
  }
  const int threads = pool ? pool->size() : 1;
  if (threads == 1 || 2.0 * m * n * k < kSplitFlops || n < 2 * NB) {
    stream_product(x, m, k, w, bias, n, y, 0, n);
    return;
  }
  const int64_t per = ((n + threads - 1) / threads + NB - 1) / NB * NB;
  pool->run(threads, [&](int t) {
    const int64_t n0 = t * per, n1 = std::min<int64_t>(n, n0 + per);
    if (n0 < n1) stream_product(x, m, k, w, bias, n, y, n0, n1);
  });
}

DecoderSession::DecoderSession(std::shared_ptr<const DecoderWeights> weights, int64_t batch, int64_t max_len)
    : w_(std::move(weights)), batch_(batch), max_len_(max_len) {
  const auto& d = w_->dims;
  const size_t cache = static_cast<size_t>(d.layers * batch * max_len * d.channels);
  keys_.assign(cache, 0.0f);
  values_.assign(cache, 0.0f);
  key_mask_.assign(static_cast<size_t>(batch * max_len), 0.0f);
}

// Attention of the t new queries of every row over the cache (the new keys already appended): query i of
// row b sits at position len_ + i and sees the keys 0 … len_ + i whose mask is non-zero.
void DecoderSession::attend(int64_t layer, int64_t t, ThreadPool* pool) {
  const auto& d = w_->dims;
  const int64_t C = d.channels, H = d.heads, hd = C / H;
  const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
  const float* kc = keys_.data() + layer * batch_ * max_len_ * C;
  const float* vc = values_.data() + layer * batch_ * max_len_ * C;
  const int64_t tasks = batch_ * t * H;
  const bool parallel = static_cast<double>(tasks) * (len_ + t) * hd * 4 >= kSplitFlops;
  split_tasks(tasks, parallel, pool, [&](int64_t begin, int64_t end) {
    std::vector<float> scores(static_cast<size_t>(len_ + t));
    for (int64_t task = begin; task < end; ++task) {
      const int64_t h = task % H, i = (task / H) % t, b = task / (H * t);
      const float* q = qkv_.data() + (b * t + i) * 3 * C + h * hd;
      const float* mask = key_mask_.data() + b * max_len_;
      const int64_t last = len_ + i;  // inclusive
      float m = -INFINITY;
      for (int64_t j = 0; j <= last; ++j) {
        scores[j] = mask[j] == 0.0f ? -INFINITY : dot(q, kc + (b * max_len_ + j) * C + h * hd, hd) * scale;
        m = std::max(m, scores[j]);
      }
      float* o = att_.data() + (b * t + i) * C + h * hd;
      std::fill(o, o + hd, 0.0f);
      if (m == -INFINITY) continue;  // no visible key (a padding query): zeros, never read by a real token
      float z = 0;
      for (int64_t j = 0; j <= last; ++j) {
        scores[j] = scores[j] == -INFINITY ? 0.0f : std::exp(scores[j] - m);
        z += scores[j];
      }
      const float inv = 1.0f / z;
      for (int64_t j = 0; j <= last; ++j)
        if (scores[j] != 0.0f) axpy(scores[j] * inv, vc + (b * max_len_ + j) * C + h * hd, o, hd);
    }
  });
}

void DecoderSession::forward(const int32_t* ids, const int32_t* positions, const float* mask, int64_t t, float* logits,
                             ThreadPool* pool) {
  const auto& d = w_->dims;
  const int64_t C = d.channels, F = d.hidden, M = batch_ * t;
  grow(x_, M * C);
  grow(h_, M * C);
  grow(qkv_, M * 3 * C);
  grow(att_, M * C);
  grow(f_, M * F);
  grow(mean_, M);
  grow(rstd_, M);
  grow(last_, batch_ * C);
  float *x = x_.data(), *h = h_.data(), *qkv = qkv_.data(), *f = f_.data();
  // 1. token + position embeddings, and the new positions' key mask
  for (int64_t r = 0; r < M; ++r) {
    const float* te = w_->wte.data() + static_cast<int64_t>(ids[r]) * C;
    const float* pe = w_->wpe.data() + static_cast<int64_t>(positions[r]) * C;
    for (int64_t c = 0; c < C; ++c) x[r * C + c] = te[c] + pe[c];
  }
  for (int64_t b = 0; b < batch_; ++b)
    for (int64_t i = 0; i < t; ++i) key_mask_[b * max_len_ + len_ + i] = mask[b * t + i];
  // 2. the blocks
  for (int64_t l = 0; l < d.layers; ++l) {
    const DecoderBlock& blk = w_->blocks[l];
    layer_norm_forward(x, blk.ln1_g.data(), blk.ln1_b.data(), d.eps, h, mean_.data(), rstd_.data(), M, C, pool);
    linear_rows(h, M, C, blk.w_qkv.data(), blk.b_qkv.data(), 3 * C, qkv, pool);  // [M, 3C]
    for (int64_t b = 0; b < batch_; ++b)
      for (int64_t i = 0; i < t; ++i) {
        const int64_t at = ((l * batch_ + b) * max_len_ + len_ + i) * C;
        const float* row = qkv + (b * t + i) * 3 * C;
        std::memcpy(keys_.data() + at, row + C, C * sizeof(float));
        std::memcpy(values_.data() + at, row + 2 * C, C * sizeof(float));
      }
    attend(l, t, pool);                                                                       // [M, C]
    linear_rows(att_.data(), M, C, blk.w_proj.data(), blk.b_proj.data(), C, h, pool);         // [M, C]
    add_into(x, h, M * C);
    layer_norm_forward(x, blk.ln2_g.data(), blk.ln2_b.data(), d.eps, h, mean_.data(), rstd_.data(), M, C, pool);
    linear_rows(h, M, C, blk.w_fc.data(), blk.b_fc.data(), F, f, pool);  // [M, F]
    gelu_forward(f, f, M * F, pool);
    linear_rows(f, M, F, blk.w_out.data(), blk.b_out.data(), C, h, pool);  // [M, C]
    add_into(x, h, M * C);
  }
  // 3. final layer norm and head on each row's last new token
  for (int64_t b = 0; b < batch_; ++b) std::memcpy(last_.data() + b * C, x + (b * t + t - 1) * C, C * sizeof(float));
  layer_norm_forward(last_.data(), w_->lnf_g.data(), w_->lnf_b.data(), d.eps, h, mean_.data(), rstd_.data(), batch_, C,
                     pool);
  linear_rows(h, batch_, C, w_->head.data(), nullptr, d.vocab, logits, pool);  // [B, V]
  len_ += t;
}

}  // namespace girl
