// A whole GPT-2-style decoder forward for generation with a KV cache, in one native call per step:
// token + position embedding, per block pre-LN attention over the cache and a GELU MLP, the final layer
// norm and the output head on each row's last new token. Inference only (no gradient), float32,
// row-major. The weights are copied once into a DecoderWeights; a DecoderSession holds one batch's
// cache.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

namespace girl {

class ThreadPool;

// The pool the addon's other kernels use (defined in addon.cc).
ThreadPool* shared_pool();

struct DecoderDims {
  int64_t vocab = 0;     // V
  int64_t context = 0;   // rows of the position table
  int64_t channels = 0;  // C = heads · head_dim
  int64_t hidden = 0;    // F, the MLP's inner width
  int64_t layers = 0;    // L
  int64_t heads = 0;     // H
  float eps = 1e-5f;     // layer norm epsilon
};

// One pre-LN block: x += proj(attn(ln1(x))); x += fc_proj(gelu(fc(ln2(x)))). Matrices are [in, out].
struct DecoderBlock {
  std::vector<float> ln1_g, ln1_b;    // [C]
  std::vector<float> w_qkv, b_qkv;    // [C, 3C], [3C] (q, k, v side by side, heads interleaved)
  std::vector<float> w_proj, b_proj;  // [C, C], [C]
  std::vector<float> ln2_g, ln2_b;    // [C]
  std::vector<float> w_fc, b_fc;      // [C, F], [F]
  std::vector<float> w_out, b_out;    // [F, C], [C]
};

struct DecoderWeights {
  DecoderDims dims;
  std::vector<float> wte;  // [V, C]
  std::vector<float> wpe;  // [context, C]
  std::vector<DecoderBlock> blocks;
  std::vector<float> lnf_g, lnf_b;  // [C]
  std::vector<float> head;          // [C, V]
};

// y[m, n] = x[m, k] · w[k, n] + bias[n] (bias may be null); few rows use a streaming kernel, many the
// packed SGEMM. Exposed for tests of the decoder's building blocks.
void linear_rows(const float* x, int64_t m, int64_t k, const float* w, const float* bias, int64_t n, float* y,
                 ThreadPool* pool);

class DecoderSession {
 public:
  DecoderSession(std::shared_ptr<const DecoderWeights> weights, int64_t batch, int64_t max_len);

  // Feeds t new tokens per row: ids and positions [B, t] (int32), mask [B, t] (0 = padding: never attended
  // to). Appends their keys/values to the cache and writes the logits of each row's last new token to
  // logits [B, V]. The caller checks ids < V, positions < context and length() + t <= max_len().
  void forward(const int32_t* ids, const int32_t* positions, const float* mask, int64_t t, float* logits,
               ThreadPool* pool);

  int64_t length() const { return len_; }
  int64_t max_len() const { return max_len_; }
  int64_t batch() const { return batch_; }
  const DecoderDims& dims() const { return w_->dims; }

 private:
  void attend(int64_t layer, int64_t t, ThreadPool* pool);

  std::shared_ptr<const DecoderWeights> w_;
  int64_t batch_, max_len_, len_ = 0;
  int64_t stride_;                    // max_len rounded up to whole vectors
  std::vector<float> keys_;           // [L, B, H, head_dim, stride]: transposed, so scores are vector FMAs over keys
  std::vector<float> values_;         // [L, B, max_len, C]
  std::vector<float> key_mask_;       // [B, stride]
  // scratch, grown to the largest step seen
  std::vector<float> x_, h_, qkv_, att_, f_, mean_, rstd_, last_;
};

}  // namespace girl
