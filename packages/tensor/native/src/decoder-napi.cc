// N-API bindings of the fused decoder (decoder.h):
//   decoderWeights(dims, arrays, headTransposed) -> handle   copies the weights once
//   decoderSession(weights, batch, maxLen) -> handle         one batch's KV cache
//   decoderForward(session, ids, positions, mask, t, logits) one step (or the prefill)
//   decoderRelease(session)                                  frees the cache now (else at garbage collection)
// dims = [vocab, context, channels, hidden, layers, heads, eps]; arrays = wte, wpe, then per block ln1 gain,
// ln1 bias, qkv weight, qkv bias, proj weight, proj bias, ln2 gain, ln2 bias, fc weight, fc bias, out weight,
// out bias, then final gain, final bias, head ([C, V], or [V, C] when headTransposed).
#include <node_api.h>

#include <memory>
#include <string>

#include "decoder.h"

namespace {

constexpr uint32_t kWeightsMagic = 0x6769726c;  // "girl"
constexpr uint32_t kSessionMagic = 0x64656364;  // "decd"

struct WeightsHandle {
  uint32_t magic = kWeightsMagic;
  std::shared_ptr<const girl::DecoderWeights> weights;
};

struct SessionHandle {
  uint32_t magic = kSessionMagic;
  std::unique_ptr<girl::DecoderSession> session;
};

napi_value fail(napi_env env, const std::string& msg) {
  napi_throw_error(env, "GIRL_NATIVE", msg.c_str());
  return nullptr;
}

bool typed(napi_env env, napi_value v, napi_typedarray_type want, void** data, size_t* length) {
  bool is_typed = false;
  napi_is_typedarray(env, v, &is_typed);
  if (!is_typed) return false;
  napi_typedarray_type type;
  napi_get_typedarray_info(env, v, &type, length, data, nullptr, nullptr);
  return type == want;
}

template <class T>
T* external(napi_env env, napi_value v, uint32_t magic) {
  void* p = nullptr;
  if (napi_get_value_external(env, v, &p) != napi_ok || !p) return nullptr;
  T* h = static_cast<T*>(p);
  return h->magic == magic ? h : nullptr;
}

bool copy_array(napi_env env, napi_value arrays, uint32_t index, int64_t want, std::vector<float>* out, std::string* err) {
  napi_value v;
  void* data = nullptr;
  size_t length = 0;
  if (napi_get_element(env, arrays, index, &v) != napi_ok || !typed(env, v, napi_float32_array, &data, &length)) {
    *err = "decoderWeights: array " + std::to_string(index) + " must be a Float32Array";
    return false;
  }
  if (static_cast<int64_t>(length) != want) {
    *err = "decoderWeights: array " + std::to_string(index) + " has " + std::to_string(length) + " elements, expected " +
           std::to_string(want);
    return false;
  }
  const float* f = static_cast<const float*>(data);
  out->assign(f, f + length);
  return true;
}

napi_value DecoderWeightsFn(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value a[3];
  napi_get_cb_info(env, info, &argc, a, nullptr, nullptr);
  if (argc != 3) return fail(env, "decoderWeights expects 3 arguments");
  double dims[7];
  for (uint32_t i = 0; i < 7; ++i) {
    napi_value v;
    if (napi_get_element(env, a[0], i, &v) != napi_ok || napi_get_value_double(env, v, &dims[i]) != napi_ok)
      return fail(env, "decoderWeights: dims must be 7 numbers [vocab, context, channels, hidden, layers, heads, eps]");
  }
  bool transposed = false;
  if (napi_get_value_bool(env, a[2], &transposed) != napi_ok) return fail(env, "decoderWeights: headTransposed must be a boolean");
  auto w = std::make_shared<girl::DecoderWeights>();
  girl::DecoderDims& d = w->dims;
  d.vocab = static_cast<int64_t>(dims[0]);
  d.context = static_cast<int64_t>(dims[1]);
  d.channels = static_cast<int64_t>(dims[2]);
  d.hidden = static_cast<int64_t>(dims[3]);
  d.layers = static_cast<int64_t>(dims[4]);
  d.heads = static_cast<int64_t>(dims[5]);
  d.eps = static_cast<float>(dims[6]);
  if (d.vocab < 1 || d.context < 1 || d.channels < 1 || d.hidden < 1 || d.layers < 1 || d.heads < 1 || d.channels % d.heads != 0)
    return fail(env, "decoderWeights: dims must be positive and channels divisible by heads");
  uint32_t count = 0;
  napi_get_array_length(env, a[1], &count);
  const uint32_t want = static_cast<uint32_t>(2 + 12 * d.layers + 3);
  if (count != want) return fail(env, "decoderWeights: expected " + std::to_string(want) + " arrays, got " + std::to_string(count));
  const int64_t V = d.vocab, C = d.channels, F = d.hidden;
  std::string err;
  uint32_t i = 0;
  auto next = [&](int64_t n, std::vector<float>* out) { return copy_array(env, a[1], i++, n, out, &err); };
  bool ok = next(V * C, &w->wte) && next(d.context * C, &w->wpe);
  w->blocks.resize(static_cast<size_t>(d.layers));
  for (auto& b : w->blocks) {
    ok = ok && next(C, &b.ln1_g) && next(C, &b.ln1_b) && next(C * 3 * C, &b.w_qkv) && next(3 * C, &b.b_qkv) &&
         next(C * C, &b.w_proj) && next(C, &b.b_proj) && next(C, &b.ln2_g) && next(C, &b.ln2_b) && next(C * F, &b.w_fc) &&
         next(F, &b.b_fc) && next(F * C, &b.w_out) && next(C, &b.b_out);
  }
  std::vector<float> head;
  ok = ok && next(C, &w->lnf_g) && next(C, &w->lnf_b) && next(V * C, &head);
  if (!ok) return fail(env, err);
  if (transposed) {  // [V, C] -> [C, V]
    w->head.resize(head.size());
    for (int64_t v = 0; v < V; ++v)
      for (int64_t c = 0; c < C; ++c) w->head[c * V + v] = head[v * C + c];
  } else {
    w->head = std::move(head);
  }
  auto* holder = new WeightsHandle{kWeightsMagic, std::move(w)};
  napi_value out;
  napi_create_external(env, holder, [](napi_env, void* p, void*) { delete static_cast<WeightsHandle*>(p); }, nullptr, &out);
  return out;
}

napi_value DecoderSessionFn(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value a[3];
  napi_get_cb_info(env, info, &argc, a, nullptr, nullptr);
  if (argc != 3) return fail(env, "decoderSession expects 3 arguments");
  auto* w = external<WeightsHandle>(env, a[0], kWeightsMagic);
  if (!w) return fail(env, "decoderSession: the first argument must come from decoderWeights");
  int64_t batch = 0, max_len = 0;
  napi_get_value_int64(env, a[1], &batch);
  napi_get_value_int64(env, a[2], &max_len);
  if (batch < 1 || max_len < 1 || max_len > w->weights->dims.context)
    return fail(env, "decoderSession: batch must be >= 1 and maxLen in [1, context]");
  auto* holder = new SessionHandle{kSessionMagic, std::make_unique<girl::DecoderSession>(w->weights, batch, max_len)};
  napi_value out;
  napi_create_external(env, holder, [](napi_env, void* p, void*) { delete static_cast<SessionHandle*>(p); }, nullptr, &out);
  return out;
}

napi_value DecoderForwardFn(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value a[6];
  napi_get_cb_info(env, info, &argc, a, nullptr, nullptr);
  if (argc != 6) return fail(env, "decoderForward expects 6 arguments");
  auto* h = external<SessionHandle>(env, a[0], kSessionMagic);
  if (!h) return fail(env, "decoderForward: the first argument must come from decoderSession");
  if (!h->session) return fail(env, "decoderForward: the session was released");
  girl::DecoderSession& s = *h->session;
  const girl::DecoderDims& d = s.dims();
  void *ids, *pos, *mask, *logits;
  size_t l_ids, l_pos, l_mask, l_logits;
  int64_t t = 0;
  if (!typed(env, a[1], napi_int32_array, &ids, &l_ids) || !typed(env, a[2], napi_int32_array, &pos, &l_pos))
    return fail(env, "decoderForward: ids and positions must be Int32Arrays");
  if (!typed(env, a[3], napi_float32_array, &mask, &l_mask) || !typed(env, a[5], napi_float32_array, &logits, &l_logits))
    return fail(env, "decoderForward: mask and logits must be Float32Arrays");
  napi_get_value_int64(env, a[4], &t);
  const int64_t n = s.batch() * t;
  if (t < 1 || s.length() + t > s.max_len())
    return fail(env, "decoderForward: " + std::to_string(t) + " new tokens do not fit the cache (" + std::to_string(s.length()) +
                         " of " + std::to_string(s.max_len()) + " positions used)");
  if (static_cast<int64_t>(l_ids) != n || static_cast<int64_t>(l_pos) != n || static_cast<int64_t>(l_mask) != n ||
      static_cast<int64_t>(l_logits) != s.batch() * d.vocab)
    return fail(env, "decoderForward: ids, positions and mask must hold batch·t entries and logits batch·vocab");
  const int32_t* ip = static_cast<const int32_t*>(ids);
  const int32_t* pp = static_cast<const int32_t*>(pos);
  for (int64_t r = 0; r < n; ++r) {
    if (ip[r] < 0 || ip[r] >= d.vocab) return fail(env, "decoderForward: token id " + std::to_string(ip[r]) + " is outside [0, vocab)");
    if (pp[r] < 0 || pp[r] >= d.context) return fail(env, "decoderForward: position " + std::to_string(pp[r]) + " is outside [0, context)");
  }
  s.forward(ip, pp, static_cast<const float*>(mask), t, static_cast<float*>(logits), girl::shared_pool());
  return nullptr;
}

napi_value DecoderReleaseFn(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value a[1];
  napi_get_cb_info(env, info, &argc, a, nullptr, nullptr);
  auto* h = argc == 1 ? external<SessionHandle>(env, a[0], kSessionMagic) : nullptr;
  if (!h) return fail(env, "decoderRelease: the argument must come from decoderSession");
  h->session.reset();
  return nullptr;
}

}  // namespace

namespace girl {

void register_decoder(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"decoderWeights", nullptr, DecoderWeightsFn, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"decoderSession", nullptr, DecoderSessionFn, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"decoderForward", nullptr, DecoderForwardFn, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"decoderRelease", nullptr, DecoderReleaseFn, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
}

}  // namespace girl
