#include "fused.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "simd.h"
#include "thread-pool.h"

namespace girl {
namespace {

constexpr float kGeluC = 0.7978845608028654f;  // sqrt(2/pi)
constexpr float kGeluK = 0.044715f;

// Runs fn(begin, end) over [0, n) in chunks on the pool when n is large enough to pay for the wake-up.
template <class Fn>
void parallel_range(int64_t n, int64_t min_per_task, ThreadPool* pool, Fn fn) {
  const int threads = pool ? pool->size() : 1;
  if (threads == 1 || n < 2 * min_per_task) {
    fn(int64_t{0}, n);
    return;
  }
  const int tasks = static_cast<int>(std::min<int64_t>(threads, n / min_per_task));
  const int64_t per = (n + tasks - 1) / tasks;
  pool->run(tasks, [&](int t) {
    const int64_t b = t * per, e = std::min<int64_t>(n, b + per);
    if (b < e) fn(b, e);
  });
}

inline vf gelu_v(vf x) {
  const vf t = vtanh(x * (1.0f + kGeluK * x * x) * kGeluC);
  return 0.5f * x * (1.0f + t);
}

inline float gelu_s(float x) { return 0.5f * x * (1.0f + std::tanh(kGeluC * (x + kGeluK * x * x * x))); }

inline vf gelu_grad_v(vf x) {
  const vf t = vtanh(x * (1.0f + kGeluK * x * x) * kGeluC);
  return 0.5f * (1.0f + t) + 0.5f * x * (1.0f - t * t) * kGeluC * (1.0f + 3.0f * kGeluK * x * x);
}

inline float gelu_grad_s(float x) {
  const float t = std::tanh(kGeluC * (x + kGeluK * x * x * x));
  return 0.5f * (1.0f + t) + 0.5f * x * (1.0f - t * t) * kGeluC * (1.0f + 3.0f * kGeluK * x * x);
}

}  // namespace

void gelu_forward(const float* x, float* y, int64_t n, ThreadPool* pool) {
  parallel_range(n, 1 << 15, pool, [&](int64_t b, int64_t e) {
    int64_t i = b;
    for (; i + VL <= e; i += VL) vstore(y + i, gelu_v(vload(x + i)));
    for (; i < e; ++i) y[i] = gelu_s(x[i]);
  });
}

void gelu_backward(const float* x, const float* dy, float* dx, int64_t n, ThreadPool* pool) {
  parallel_range(n, 1 << 15, pool, [&](int64_t b, int64_t e) {
    int64_t i = b;
    for (; i + VL <= e; i += VL) vstore(dx + i, vload(dy + i) * gelu_grad_v(vload(x + i)));
    for (; i < e; ++i) dx[i] = dy[i] * gelu_grad_s(x[i]);
  });
}

void cross_entropy_forward(const float* logits, const int32_t* labels, const float* weights, float* loss, float* grad,
                           int64_t rows, int64_t cols, ThreadPool* pool) {
  parallel_range(rows, 16, pool, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const float* x = logits + r * cols;
      float* g = grad + r * cols;
      // 1. max
      vf vm = vsplat(-INFINITY);
      int64_t j = 0;
      for (; j + VL <= cols; j += VL) vm = vmax(vm, vload(x + j));
      float m = hmax(vm);
      for (; j < cols; ++j) m = std::max(m, x[j]);
      // 2. exp(x − max) into grad, and its sum
      vf vs = vsplat(0.0f);
      j = 0;
      for (; j + VL <= cols; j += VL) {
        const vf ex = vexp(vload(x + j) - m);
        vstore(g + j, ex);
        vs += ex;
      }
      float s = hsum(vs);
      for (; j < cols; ++j) {
        g[j] = std::exp(x[j] - m);
        s += g[j];
      }
      // 3. loss and (softmax − onehot)·w
      const int32_t label = labels[r];
      const float w = weights[r];
      const bool valid = label >= 0 && label < cols;
      loss[r] = valid ? w * (m + std::log(s) - x[label]) : NAN;
      const float scale = w / s;
      j = 0;
      for (; j + VL <= cols; j += VL) vstore(g + j, vload(g + j) * scale);
      for (; j < cols; ++j) g[j] *= scale;
      if (valid) g[label] -= w;
    }
  });
}

void layer_norm_forward(const float* x, const float* gain, const float* bias, float eps, float* y, float* mean,
                        float* rstd, int64_t rows, int64_t cols, ThreadPool* pool) {
  parallel_range(rows, 32, pool, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const float* xr = x + r * cols;
      float* yr = y + r * cols;
      vf vs = vsplat(0.0f);
      int64_t j = 0;
      for (; j + VL <= cols; j += VL) vs += vload(xr + j);
      float s = hsum(vs);
      for (; j < cols; ++j) s += xr[j];
      const float mu = s / cols;
      vf vq = vsplat(0.0f);
      j = 0;
      for (; j + VL <= cols; j += VL) {
        const vf d = vload(xr + j) - mu;
        vq += d * d;
      }
      float q = hsum(vq);
      for (; j < cols; ++j) q += (xr[j] - mu) * (xr[j] - mu);
      const float rs = 1.0f / std::sqrt(q / cols + eps);
      mean[r] = mu;
      rstd[r] = rs;
      j = 0;
      for (; j + VL <= cols; j += VL) vstore(yr + j, (vload(xr + j) - mu) * rs * vload(gain + j) + vload(bias + j));
      for (; j < cols; ++j) yr[j] = (xr[j] - mu) * rs * gain[j] + bias[j];
    }
  });
}

void layer_norm_backward(const float* dy, const float* x, const float* gain, const float* mean, const float* rstd,
                         float* dx, float* dgain, float* dbias, int64_t rows, int64_t cols, ThreadPool* pool) {
  const int threads = pool ? pool->size() : 1;
  const int tasks = rows >= 64 ? threads : 1;
  std::vector<float> partial(static_cast<size_t>(tasks) * 2 * cols, 0.0f);  // per task: dgain, dbias
  const int64_t per = (rows + tasks - 1) / tasks;
  auto work = [&](int t) {
    float* pg = partial.data() + static_cast<size_t>(t) * 2 * cols;
    float* pb = pg + cols;
    const int64_t b = t * per, e = std::min<int64_t>(rows, b + per);
    for (int64_t r = b; r < e; ++r) {
      const float* xr = x + r * cols;
      const float* gr = dy + r * cols;
      float* dr = dx + r * cols;
      const float mu = mean[r], rs = rstd[r];
      // m1 = mean(dxhat), m2 = mean(dxhat·xhat), with dxhat = dy·gain, xhat = (x − mu)·rs
      vf v1 = vsplat(0.0f), v2 = vsplat(0.0f);
      int64_t j = 0;
      for (; j + VL <= cols; j += VL) {
        const vf xh = (vload(xr + j) - mu) * rs;
        const vf g = vload(gr + j);
        const vf dxh = g * vload(gain + j);
        v1 += dxh;
        v2 += dxh * xh;
        vstore(pg + j, vload(pg + j) + g * xh);
        vstore(pb + j, vload(pb + j) + g);
      }
      float s1 = hsum(v1), s2 = hsum(v2);
      for (; j < cols; ++j) {
        const float xh = (xr[j] - mu) * rs;
        const float dxh = gr[j] * gain[j];
        s1 += dxh;
        s2 += dxh * xh;
        pg[j] += gr[j] * xh;
        pb[j] += gr[j];
      }
      const float m1 = s1 / cols, m2 = s2 / cols;
      j = 0;
      for (; j + VL <= cols; j += VL) {
        const vf xh = (vload(xr + j) - mu) * rs;
        vstore(dr + j, (vload(gr + j) * vload(gain + j) - m1 - xh * m2) * rs);
      }
      for (; j < cols; ++j) {
        const float xh = (xr[j] - mu) * rs;
        dr[j] = (gr[j] * gain[j] - m1 - xh * m2) * rs;
      }
    }
  };
  if (tasks == 1) work(0);
  else pool->run(tasks, work);
  for (int64_t j = 0; j < cols; ++j) {
    float sg = 0, sb = 0;
    for (int t = 0; t < tasks; ++t) {
      sg += partial[static_cast<size_t>(t) * 2 * cols + j];
      sb += partial[static_cast<size_t>(t) * 2 * cols + cols + j];
    }
    dgain[j] = sg;
    dbias[j] = sb;
  }
}

void adamw_update(const float* p, const float* g, const float* m, const float* v, float* p_out, float* m_out,
                  float* v_out, int64_t n, double beta1, double beta2, double eps, double step_size,
                  double sqrt_bias2, double decay, ThreadPool* pool) {
  // constants rounded to float32 from double arithmetic, as tfjs rounds JavaScript numbers, so both paths
  // compute the same float32 expression
  const float b1 = static_cast<float>(beta1), c1 = static_cast<float>(1.0 - beta1);
  const float b2 = static_cast<float>(beta2), c2 = static_cast<float>(1.0 - beta2);
  const float ep = static_cast<float>(eps), ss = static_cast<float>(step_size);
  const float sb = static_cast<float>(sqrt_bias2), dc = static_cast<float>(decay);
  parallel_range(n, 1 << 16, pool, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const float gi = g[i];
      const float mi = m[i] * b1 + gi * c1;
      const float vi = v[i] * b2 + (gi * gi) * c2;
      const float denom = std::sqrt(vi) / sb + ep;
      m_out[i] = mi;
      v_out[i] = vi;
      p_out[i] = p[i] * dc - (mi / denom) * ss;
    }
  });
}

void cached_attention(const float* q, const float* k, const float* v, const float* key_mask, float* out, int64_t batch,
                      int64_t tq, int64_t tk, int64_t heads, int64_t head_dim, ThreadPool* pool) {
  const int64_t c = heads * head_dim;
  const float scale = 1.0f / std::sqrt(static_cast<float>(head_dim));
  const int64_t tasks = batch * tq * heads;
  // a pool wake-up costs tens of microseconds: parallelise only when each task set is worth it
  const int64_t min_per_task = std::max<int64_t>(1, 262144 / std::max<int64_t>(1, tk * head_dim));
  parallel_range(tasks, min_per_task, pool, [&](int64_t b0, int64_t e0) {
    std::vector<float> scores(static_cast<size_t>(tk));
    for (int64_t task = b0; task < e0; ++task) {
      const int64_t h = task % heads;
      const int64_t i = (task / heads) % tq;
      const int64_t b = task / (heads * tq);
      const float* qv = q + (b * tq + i) * c + h * head_dim;
      const int64_t last = tk - tq + i;  // inclusive
      float m = -INFINITY;
      for (int64_t j = 0; j <= last; ++j) {
        if (key_mask && key_mask[b * tk + j] == 0.0f) {
          scores[j] = -INFINITY;
          continue;
        }
        const float* kv = k + (b * tk + j) * c + h * head_dim;
        float s = 0;
        for (int64_t d = 0; d < head_dim; ++d) s += qv[d] * kv[d];
        scores[j] = s * scale;
        m = std::max(m, scores[j]);
      }
      float* o = out + (b * tq + i) * c + h * head_dim;
      for (int64_t d = 0; d < head_dim; ++d) o[d] = 0.0f;
      if (m == -INFINITY) continue;  // no visible key (a fully padded row): output zeros
      float z = 0;
      for (int64_t j = 0; j <= last; ++j) {
        const float p = scores[j] == -INFINITY ? 0.0f : std::exp(scores[j] - m);
        scores[j] = p;
        z += p;
      }
      const float inv = 1.0f / z;
      for (int64_t j = 0; j <= last; ++j) {
        const float p = scores[j] * inv;
        if (p == 0.0f) continue;
        const float* vv = v + (b * tk + j) * c + h * head_dim;
        for (int64_t d = 0; d < head_dim; ++d) o[d] += p * vv[d];
      }
    }
  });
}

void reduce_sum(const float* x, float* out, int64_t outer, int64_t reduce, int64_t inner, ThreadPool* pool) {
  if (inner == 1) {
    // contiguous rows: one dot with ones per output
    parallel_range(outer, 64, pool, [&](int64_t b, int64_t e) {
      for (int64_t o = b; o < e; ++o) {
        const float* xr = x + o * reduce;
        vf vs = vsplat(0.0f);
        int64_t j = 0;
        for (; j + VL <= reduce; j += VL) vs += vload(xr + j);
        float s = hsum(vs);
        for (; j < reduce; ++j) s += xr[j];
        out[o] = s;
      }
    });
    return;
  }
  // column sums: accumulate whole rows of `inner` into the output, split over inner columns
  parallel_range(inner, 256, pool, [&](int64_t b, int64_t e) {
    for (int64_t o = 0; o < outer; ++o) {
      float* dst = out + o * inner;
      for (int64_t i = b; i < e; ++i) dst[i] = 0.0f;
      for (int64_t r = 0; r < reduce; ++r) {
        const float* src = x + (o * reduce + r) * inner;
        int64_t i = b;
        for (; i + VL <= e; i += VL) vstore(dst + i, vload(dst + i) + vload(src + i));
        for (; i < e; ++i) dst[i] += src[i];
      }
    }
  });
}

}  // namespace girl
