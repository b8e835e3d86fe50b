// N-API bindings of GIRL's native CPU kernels. Every function works on Float32Arrays in place, with no
// copies: tfjs's cpu-derived backend keeps tensor data in JavaScript typed arrays.
#include <node_api.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>

#include "gemm.h"
#include "thread-pool.h"

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
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
