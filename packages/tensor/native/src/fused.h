// Fused forward/backward kernels for GIRL's native backend. Arrays are row-major float32; every
// function may use the pool's threads over rows or elements.
#pragma once
#include <cstdint>

namespace girl {

class ThreadPool;

// y = gelu_tanh(x), element-wise.
void gelu_forward(const float* x, float* y, int64_t n, ThreadPool* pool);
// dx = dy · gelu_tanh'(x), element-wise.
void gelu_backward(const float* x, const float* dy, float* dx, int64_t n, ThreadPool* pool);

// For each row i of logits [rows, cols]: loss[i] = w[i]·(logsumexp(row) − row[label[i]]) and
// grad[i, :] = w[i]·(softmax(row) − onehot(label[i])). Labels outside [0, cols) give NaN loss.
void cross_entropy_forward(const float* logits, const int32_t* labels, const float* weights, float* loss, float* grad,
                           int64_t rows, int64_t cols, ThreadPool* pool);

// Layer norm over the last axis of x [rows, cols]: y = (x − mean)·rstd·gain + bias; writes mean and rstd [rows].
void layer_norm_forward(const float* x, const float* gain, const float* bias, float eps, float* y, float* mean,
                        float* rstd, int64_t rows, int64_t cols, ThreadPool* pool);
// dx [rows, cols], dgain [cols], dbias [cols] from dy, x, gain and the forward's mean and rstd.
void layer_norm_backward(const float* dy, const float* x, const float* gain, const float* mean, const float* rstd,
                         float* dx, float* dgain, float* dbias, int64_t rows, int64_t cols, ThreadPool* pool);

// out[o, i] = Σ_r x[o, r, i] for x viewed as [outer, reduce, inner].
void reduce_sum(const float* x, float* out, int64_t outer, int64_t reduce, int64_t inner, ThreadPool* pool);

// One AdamW step over n elements: m' = β1·m + (1−β1)·g, v' = β2·v + (1−β2)·g², and
// p' = p·decay − step_size · m' / (√v' / sqrt_bias2 + eps) (decay = 1 − lr·wd, or 1 without decay).
void adamw_update(const float* p, const float* g, const float* m, const float* v, float* p_out, float* m_out,
                  float* v_out, int64_t n, double beta1, double beta2, double eps, double step_size,
                  double sqrt_bias2, double decay, ThreadPool* pool);

// Attention of Tq new queries over Tk cached keys/values, heads interleaved in the last axis
// (q [B, Tq, H·hd], k and v [B, Tk, H·hd], out [B, Tq, H·hd]). Query i sits at position Tk − Tq + i and sees
// keys 0 … Tk − Tq + i whose key_mask [B, Tk] entry is non-zero (key_mask may be null: all keys exist).
void cached_attention(const float* q, const float* k, const float* v, const float* key_mask, float* out, int64_t batch,
                      int64_t tq, int64_t tk, int64_t heads, int64_t head_dim, ThreadPool* pool);

}  // namespace girl
