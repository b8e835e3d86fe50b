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

// o[0, hd) = Σ_j p[j]·v[j·ld + (0, hd)], NV vectors at a time held in registers.
template <int NV>
void weighted_sum_block(const float* p, int64_t n, const float* v, int64_t ld, float* o) {
  vf acc[NV];
  for (int q = 0; q < NV; ++q) acc[q] = vsplat(0.0f);
  for (int64_t j = 0; j < n; ++j) {
    const vf pj = vsplat(p[j]);
    for (int q = 0; q < NV; ++q) acc[q] += pj * vload(v + j * ld + q * VL);
  }
  for (int q = 0; q < NV; ++q) vstore(o + q * VL, acc[q]);
}

void weighted_sum(const float* p, int64_t n, const float* v, int64_t ld, float* o, int64_t hd) {
  int64_t d = 0;
  for (; d + 4 * VL <= hd; d += 4 * VL) weighted_sum_block<4>(p, n, v + d, ld, o + d);
  switch ((hd - d) / VL) {
    case 3: weighted_sum_block<3>(p, n, v + d, ld, o + d); break;
    case 2: weighted_sum_block<2>(p, n, v + d, ld, o + d); break;
    case 1: weighted_sum_block<1>(p, n, v + d, ld, o + d); break;
    default: break;
  }
  for (d += (hd - d) / VL * VL; d < hd; ++d) {
    float s = 0;
    for (int64_t j = 0; j < n; ++j) s += p[j] * v[j * ld + d];
    o[d] = s;
  }
}

// s[j] = Σ_d q[d]·kt[d·stride + j] for j < n rounded up to whole vectors (kt holds keys transposed).
void scores_of(const float* q, const float* kt, int64_t stride, int64_t hd, int64_t n, float* s) {
  int64_t j = 0;
  for (; j + 4 * VL <= n; j += 4 * VL) {
    vf a0 = vsplat(0.0f), a1 = a0, a2 = a0, a3 = a0;
    for (int64_t d = 0; d < hd; ++d) {
      const vf qd = vsplat(q[d]);
      const float* k = kt + d * stride + j;
      a0 += qd * vload(k);
      a1 += qd * vload(k + VL);
      a2 += qd * vload(k + 2 * VL);
      a3 += qd * vload(k + 3 * VL);
    }
    vstore(s + j, a0);
    vstore(s + j + VL, a1);
    vstore(s + j + 2 * VL, a2);
    vstore(s + j + 3 * VL, a3);
  }
  for (; j < n; j += VL) {
    vf a = vsplat(0.0f);
    for (int64_t d = 0; d < hd; ++d) a += vsplat(q[d]) * vload(kt + d * stride + j);
    vstore(s + j, a);
  }
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
    : w_(std::move(weights)), batch_(batch), max_len_(max_len), stride_((max_len + VL - 1) / VL * VL) {
  const auto& d = w_->dims;
  keys_.assign(static_cast<size_t>(d.layers * batch * d.channels * stride_), 0.0f);
  values_.assign(static_cast<size_t>(d.layers * batch * max_len * d.channels), 0.0f);
  key_mask_.assign(static_cast<size_t>(batch * stride_), 0.0f);
}

// Attention of the t new queries of every row over the cache (the new keys already appended): query i of
// row b sits at position len_ + i and sees the keys 0 … len_ + i whose mask is non-zero.
void DecoderSession::attend(int64_t layer, int64_t t, ThreadPool* pool) {
  const auto& d = w_->dims;
  const int64_t C = d.channels, H = d.heads, hd = C / H;
  const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
  const float* kt = keys_.data() + layer * batch_ * C * stride_;
  const float* vc = values_.data() + layer * batch_ * max_len_ * C;
  const int64_t tasks = batch_ * t * H;
  const bool parallel = static_cast<double>(tasks) * (len_ + t) * hd * 4 >= kSplitFlops;
  split_tasks(tasks, parallel, pool, [&](int64_t begin, int64_t end) {
    std::vector<float> scores(static_cast<size_t>(stride_));
    float* s = scores.data();
    for (int64_t task = begin; task < end; ++task) {
      const int64_t h = task % H, i = (task / H) % t, b = task / (H * t);
      const float* q = qkv_.data() + (b * t + i) * 3 * C + h * hd;
      const float* mask = key_mask_.data() + b * stride_;
      const int64_t n = len_ + i + 1;  // keys 0 … len_ + i
      float* o = att_.data() + (b * t + i) * C + h * hd;
      // 1. scaled scores of the visible keys (−∞ where masked) and their maximum
      scores_of(q, kt + (b * H + h) * hd * stride_, stride_, hd, n, s);
      const vf ninf = vsplat(-INFINITY);
      vf vm = ninf;
      int64_t j = 0;
      for (; j + VL <= n; j += VL) {
        const vf x = vload(mask + j) != vsplat(0.0f) ? vload(s + j) * scale : ninf;
        vstore(s + j, x);
        vm = vmax(vm, x);
      }
      float m = hmax(vm);
      for (; j < n; ++j) {
        s[j] = mask[j] != 0.0f ? s[j] * scale : -INFINITY;
        m = std::max(m, s[j]);
      }
      if (m == -INFINITY) {  // no visible key (a padding query): zeros, never read by a real token
        std::fill(o, o + hd, 0.0f);
        continue;
      }
      // 2. softmax weights (exactly 0 where masked), then the weighted sum of the values
      vf vz = vsplat(0.0f);
      for (j = 0; j + VL <= n; j += VL) {
        const vf x = vload(s + j);
        const vf e = x != ninf ? vexp(x - m) : vsplat(0.0f);
        vstore(s + j, e);
        vz += e;
      }
      float z = hsum(vz);
      for (; j < n; ++j) {
        s[j] = s[j] == -INFINITY ? 0.0f : std::exp(s[j] - m);
        z += s[j];
      }
      const float inv = 1.0f / z;
      for (j = 0; j < n; ++j) s[j] *= inv;
      weighted_sum(s, n, vc + b * max_len_ * C + h * hd, C, o, hd);
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
    for (int64_t i = 0; i < t; ++i) key_mask_[b * stride_ + len_ + i] = mask[b * t + i];
  // 2. the blocks
  for (int64_t l = 0; l < d.layers; ++l) {
    const DecoderBlock& blk = w_->blocks[l];
    layer_norm_forward(x, blk.ln1_g.data(), blk.ln1_b.data(), d.eps, h, mean_.data(), rstd_.data(), M, C, pool);
    linear_rows(h, M, C, blk.w_qkv.data(), blk.b_qkv.data(), 3 * C, qkv, pool);  // [M, 3C]
    for (int64_t b = 0; b < batch_; ++b) {
      float* kt = keys_.data() + (l * batch_ + b) * C * stride_;  // [C, stride]: channel c of key j at c·stride + j
      for (int64_t i = 0; i < t; ++i) {
        const float* row = qkv + (b * t + i) * 3 * C;
        for (int64_t c = 0; c < C; ++c) kt[c * stride_ + len_ + i] = row[C + c];
        std::memcpy(values_.data() + ((l * batch_ + b) * max_len_ + len_ + i) * C, row + 2 * C, C * sizeof(float));
      }
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
