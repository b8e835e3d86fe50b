// N-API bindings of GIRL's native CPU kernels. Every function works on Float32Arrays in place, with no
// copies: tfjs's cpu-derived backend keeps tensor data in JavaScript typed arrays.
#include <node_api.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>

#include "decoder.h"
#include "fused.h"
#include "gemm.h"
#include "thread-pool.h"

namespace girl {
void register_decoder(napi_env env, napi_value exports);  // decoder-napi.cc
}  // namespace girl

namespace {

std::unique_ptr<girl::ThreadPool> g_pool;

int default_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

girl::ThreadPool* pool() {
  if (!g_pool) g_pool = std::make_unique<girl::ThreadPool>(default_threads());
  return g_pool.get();
}

bool throw_error(napi_env env, const std::string& msg) {
  napi_throw_error(env, "GIRL_NATIVE", msg.c_str());
  return false;
}

bool get_f32(napi_env env, napi_value v, float** data, size_t* length, const char* name) {
  bool is_typed = false;
  napi_is_typedarray(env, v, &is_typed);
  if (!is_typed) return throw_error(env, std::string(name) + " must be a Float32Array");
  napi_typedarray_type type;
  void* ptr = nullptr;
  napi_get_typedarray_info(env, v, &type, length, &ptr, nullptr, nullptr);
  if (type != napi_float32_array) return throw_error(env, std::string(name) + " must be a Float32Array");
  *data = static_cast<float*>(ptr);
  return true;
}

bool get_i64(napi_env env, napi_value v, int64_t* out, const char* name) {
  if (napi_get_value_int64(env, v, out) != napi_ok) return throw_error(env, std::string(name) + " must be a number");
  return true;
}

bool get_bool(napi_env env, napi_value v, bool* out, const char* name) {
  if (napi_get_value_bool(env, v, out) != napi_ok) return throw_error(env, std::string(name) + " must be a boolean");
  return true;
}

// gemm(transA, transB, batch, M, N, K, A, strideA, B, strideB, C, strideC, accumulate)
napi_value Gemm(napi_env env, napi_callback_info info) {
  size_t argc = 13;
  napi_value argv[13];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 13) {
    throw_error(env, "gemm expects 13 arguments");
    return nullptr;
  }
  bool ta, tb, acc;
  int64_t batch, M, N, K, sa, sb, sc;
  float *A, *B, *C;
  size_t la, lb, lc;
  if (!get_bool(env, argv[0], &ta, "transA") || !get_bool(env, argv[1], &tb, "transB") ||
      !get_i64(env, argv[2], &batch, "batch") || !get_i64(env, argv[3], &M, "M") || !get_i64(env, argv[4], &N, "N") ||
      !get_i64(env, argv[5], &K, "K") || !get_f32(env, argv[6], &A, &la, "A") || !get_i64(env, argv[7], &sa, "strideA") ||
      !get_f32(env, argv[8], &B, &lb, "B") || !get_i64(env, argv[9], &sb, "strideB") ||
      !get_f32(env, argv[10], &C, &lc, "C") || !get_i64(env, argv[11], &sc, "strideC") ||
      !get_bool(env, argv[12], &acc, "accumulate"))
    return nullptr;
  if (batch < 0 || M < 0 || N < 0 || K < 0 || sa < 0 || sb < 0 || sc < 0) {
    throw_error(env, "gemm: sizes and strides must be non-negative");
    return nullptr;
  }
  const auto need = [&](int64_t stride, int64_t size) { return batch == 0 ? 0 : (batch - 1) * stride + size; };
  if (static_cast<int64_t>(la) < need(sa, M * K) || static_cast<int64_t>(lb) < need(sb, K * N) ||
      static_cast<int64_t>(lc) < need(sc, M * N)) {
    throw_error(env, "gemm: an array is shorter than its shape and strides require");
    return nullptr;
  }
  girl::sgemm_batched(ta, tb, batch, M, N, K, A, sa, B, sb, C, sc, acc, pool());
  return nullptr;
}

bool get_i32(napi_env env, napi_value v, int32_t** data, size_t* length, const char* name) {
  bool is_typed = false;
  napi_is_typedarray(env, v, &is_typed);
  napi_typedarray_type type;
  void* ptr = nullptr;
  if (is_typed) napi_get_typedarray_info(env, v, &type, length, &ptr, nullptr, nullptr);
  if (!is_typed || type != napi_int32_array) return throw_error(env, std::string(name) + " must be an Int32Array");
  *data = static_cast<int32_t*>(ptr);
  return true;
}

// Reads argc arguments or throws.
bool args(napi_env env, napi_callback_info info, size_t want, napi_value* argv, const char* fn) {
  size_t argc = want;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != want) return throw_error(env, std::string(fn) + " expects " + std::to_string(want) + " arguments");
  return true;
}

bool at_least(napi_env env, size_t length, int64_t need, const char* name) {
  if (static_cast<int64_t>(length) < need) return throw_error(env, std::string(name) + " is shorter than its shape requires");
  return true;
}

// geluForward(x, y) / geluBackward(x, dy, dx)
napi_value GeluForward(napi_env env, napi_callback_info info) {
  napi_value a[2];
  float *x, *y;
  size_t lx, ly;
  if (!args(env, info, 2, a, "geluForward") || !get_f32(env, a[0], &x, &lx, "x") || !get_f32(env, a[1], &y, &ly, "y") ||
      !at_least(env, ly, static_cast<int64_t>(lx), "y"))
    return nullptr;
  girl::gelu_forward(x, y, static_cast<int64_t>(lx), pool());
  return nullptr;
}

napi_value GeluBackward(napi_env env, napi_callback_info info) {
  napi_value a[3];
  float *x, *dy, *dx;
  size_t lx, ldy, ldx;
  if (!args(env, info, 3, a, "geluBackward") || !get_f32(env, a[0], &x, &lx, "x") || !get_f32(env, a[1], &dy, &ldy, "dy") ||
      !get_f32(env, a[2], &dx, &ldx, "dx") || !at_least(env, ldy, static_cast<int64_t>(lx), "dy") ||
      !at_least(env, ldx, static_cast<int64_t>(lx), "dx"))
    return nullptr;
  girl::gelu_backward(x, dy, dx, static_cast<int64_t>(lx), pool());
  return nullptr;
}

// crossEntropyForward(logits, labels, weights, loss, grad, rows, cols)
napi_value CrossEntropyForward(napi_env env, napi_callback_info info) {
  napi_value a[7];
  float *logits, *weights, *loss, *grad;
  int32_t* labels;
  size_t l0, l1, l2, l3, l4;
  int64_t rows, cols;
  if (!args(env, info, 7, a, "crossEntropyForward") || !get_f32(env, a[0], &logits, &l0, "logits") ||
      !get_i32(env, a[1], &labels, &l1, "labels") || !get_f32(env, a[2], &weights, &l2, "weights") ||
      !get_f32(env, a[3], &loss, &l3, "loss") || !get_f32(env, a[4], &grad, &l4, "grad") || !get_i64(env, a[5], &rows, "rows") ||
      !get_i64(env, a[6], &cols, "cols") || !at_least(env, l0, rows * cols, "logits") || !at_least(env, l1, rows, "labels") ||
      !at_least(env, l2, rows, "weights") || !at_least(env, l3, rows, "loss") || !at_least(env, l4, rows * cols, "grad"))
    return nullptr;
  girl::cross_entropy_forward(logits, labels, weights, loss, grad, rows, cols, pool());
  return nullptr;
}

// layerNormForward(x, gain, bias, eps, y, mean, rstd, rows, cols)
napi_value LayerNormForward(napi_env env, napi_callback_info info) {
  napi_value a[9];
  float *x, *g, *b, *y, *mean, *rstd;
  size_t lx, lg, lb, ly, lm, lr;
  double eps;
  int64_t rows, cols;
  if (!args(env, info, 9, a, "layerNormForward") || !get_f32(env, a[0], &x, &lx, "x") || !get_f32(env, a[1], &g, &lg, "gain") ||
      !get_f32(env, a[2], &b, &lb, "bias") || napi_get_value_double(env, a[3], &eps) != napi_ok ||
      !get_f32(env, a[4], &y, &ly, "y") || !get_f32(env, a[5], &mean, &lm, "mean") || !get_f32(env, a[6], &rstd, &lr, "rstd") ||
      !get_i64(env, a[7], &rows, "rows") || !get_i64(env, a[8], &cols, "cols") || !at_least(env, lx, rows * cols, "x") ||
      !at_least(env, ly, rows * cols, "y") || !at_least(env, lg, cols, "gain") || !at_least(env, lb, cols, "bias") ||
      !at_least(env, lm, rows, "mean") || !at_least(env, lr, rows, "rstd"))
    return nullptr;
  girl::layer_norm_forward(x, g, b, static_cast<float>(eps), y, mean, rstd, rows, cols, pool());
  return nullptr;
}

// layerNormBackward(dy, x, gain, mean, rstd, dx, dgain, dbias, rows, cols)
napi_value LayerNormBackward(napi_env env, napi_callback_info info) {
  napi_value a[10];
  float *dy, *x, *g, *mean, *rstd, *dx, *dg, *db;
  size_t l0, l1, l2, l3, l4, l5, l6, l7;
  int64_t rows, cols;
  if (!args(env, info, 10, a, "layerNormBackward") || !get_f32(env, a[0], &dy, &l0, "dy") || !get_f32(env, a[1], &x, &l1, "x") ||
      !get_f32(env, a[2], &g, &l2, "gain") || !get_f32(env, a[3], &mean, &l3, "mean") || !get_f32(env, a[4], &rstd, &l4, "rstd") ||
      !get_f32(env, a[5], &dx, &l5, "dx") || !get_f32(env, a[6], &dg, &l6, "dgain") || !get_f32(env, a[7], &db, &l7, "dbias") ||
      !get_i64(env, a[8], &rows, "rows") || !get_i64(env, a[9], &cols, "cols") || !at_least(env, l0, rows * cols, "dy") ||
      !at_least(env, l1, rows * cols, "x") || !at_least(env, l5, rows * cols, "dx") || !at_least(env, l2, cols, "gain") ||
      !at_least(env, l6, cols, "dgain") || !at_least(env, l7, cols, "dbias") || !at_least(env, l3, rows, "mean") ||
      !at_least(env, l4, rows, "rstd"))
    return nullptr;
  girl::layer_norm_backward(dy, x, g, mean, rstd, dx, dg, db, rows, cols, pool());
  return nullptr;
}

// cachedAttention(q, k, v, keyMask | null, out, batch, tq, tk, heads, headDim)
napi_value CachedAttention(napi_env env, napi_callback_info info) {
  napi_value a[10];
  float *q, *k, *v, *out, *mask = nullptr;
  size_t lq, lk, lv, lo, lm = 0;
  int64_t batch, tq, tk, heads, hd;
  if (!args(env, info, 10, a, "cachedAttention") || !get_f32(env, a[0], &q, &lq, "q") || !get_f32(env, a[1], &k, &lk, "k") ||
      !get_f32(env, a[2], &v, &lv, "v") || !get_f32(env, a[4], &out, &lo, "out") || !get_i64(env, a[5], &batch, "batch") ||
      !get_i64(env, a[6], &tq, "tq") || !get_i64(env, a[7], &tk, "tk") || !get_i64(env, a[8], &heads, "heads") ||
      !get_i64(env, a[9], &hd, "headDim"))
    return nullptr;
  napi_valuetype mt;
  napi_typeof(env, a[3], &mt);
  if (mt != napi_null && mt != napi_undefined && !get_f32(env, a[3], &mask, &lm, "keyMask")) return nullptr;
  const int64_t c = heads * hd;
  if (tq > tk || !at_least(env, lq, batch * tq * c, "q") || !at_least(env, lk, batch * tk * c, "k") ||
      !at_least(env, lv, batch * tk * c, "v") || !at_least(env, lo, batch * tq * c, "out") ||
      (mask && !at_least(env, lm, batch * tk, "keyMask"))) {
    if (tq > tk) throw_error(env, "cachedAttention: more queries than keys");
    return nullptr;
  }
  girl::cached_attention(q, k, v, mask, out, batch, tq, tk, heads, hd, pool());
  return nullptr;
}

// adamwUpdate(p, g, m, v, pOut, mOut, vOut, beta1, beta2, eps, stepSize, sqrtBias2, decay)
napi_value AdamwUpdate(napi_env env, napi_callback_info info) {
  napi_value a[13];
  float* arr[7];
  size_t len[7];
  const char* names[7] = {"p", "g", "m", "v", "pOut", "mOut", "vOut"};
  if (!args(env, info, 13, a, "adamwUpdate")) return nullptr;
  for (int i = 0; i < 7; ++i)
    if (!get_f32(env, a[i], &arr[i], &len[i], names[i])) return nullptr;
  double h[6];
  for (int i = 0; i < 6; ++i)
    if (napi_get_value_double(env, a[7 + i], &h[i]) != napi_ok) {
      throw_error(env, "adamwUpdate: hyper-parameters must be numbers");
      return nullptr;
    }
  for (int i = 1; i < 7; ++i)
    if (!at_least(env, len[i], static_cast<int64_t>(len[0]), names[i])) return nullptr;
  girl::adamw_update(arr[0], arr[1], arr[2], arr[3], arr[4], arr[5], arr[6], static_cast<int64_t>(len[0]),
                     h[0], h[1], h[2], h[3], h[4], h[5], pool());
  return nullptr;
}

// reduceSum(x, out, outer, reduce, inner)
napi_value ReduceSum(napi_env env, napi_callback_info info) {
  napi_value a[5];
  float *x, *out;
  size_t lx, lo;
  int64_t outer, reduce, inner;
  if (!args(env, info, 5, a, "reduceSum") || !get_f32(env, a[0], &x, &lx, "x") || !get_f32(env, a[1], &out, &lo, "out") ||
      !get_i64(env, a[2], &outer, "outer") || !get_i64(env, a[3], &reduce, "reduce") || !get_i64(env, a[4], &inner, "inner") ||
      !at_least(env, lx, outer * reduce * inner, "x") || !at_least(env, lo, outer * inner, "out"))
    return nullptr;
  girl::reduce_sum(x, out, outer, reduce, inner, pool());
  return nullptr;
}

napi_value SetThreads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  int64_t n = 0;
  if (argc != 1 || !get_i64(env, argv[0], &n, "threads")) return nullptr;
  if (n < 1 || n > 256) {
    throw_error(env, "threads must be between 1 and 256");
    return nullptr;
  }
  g_pool = std::make_unique<girl::ThreadPool>(static_cast<int>(n));
  return nullptr;
}

napi_value GetThreads(napi_env env, napi_callback_info) {
  napi_value out;
  napi_create_int32(env, pool()->size(), &out);
  return out;
}

napi_value SimdWidth(napi_env env, napi_callback_info) {
  napi_value out;
#if defined(__AVX512F__)
  napi_create_int32(env, 512, &out);
#elif defined(__AVX__)
  napi_create_int32(env, 256, &out);
#else
  napi_create_int32(env, 128, &out);
#endif
  return out;
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"gemm", nullptr, Gemm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setThreads", nullptr, SetThreads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"getThreads", nullptr, GetThreads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"simdWidth", nullptr, SimdWidth, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"geluForward", nullptr, GeluForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"geluBackward", nullptr, GeluBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"crossEntropyForward", nullptr, CrossEntropyForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"layerNormForward", nullptr, LayerNormForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"layerNormBackward", nullptr, LayerNormBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"reduceSum", nullptr, ReduceSum, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"cachedAttention", nullptr, CachedAttention, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"adamwUpdate", nullptr, AdamwUpdate, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  girl::register_decoder(env, exports);
  return exports;
}

}  // namespace

namespace girl {
ThreadPool* shared_pool() { return pool(); }
}  // namespace girl

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
