// Vector types and a vectorised exp for GIRL's native kernels (GCC/Clang vector extensions: 512-bit with
// AVX-512, 256-bit with AVX, 128-bit otherwise, picked by -march=native at build time).
#pragma once
#include <cstdint>
#include <cstring>

namespace girl {

#if defined(__AVX512F__)
constexpr int VL = 16;
#elif defined(__AVX__)
constexpr int VL = 8;
#else
constexpr int VL = 4;
#endif
typedef float vf __attribute__((vector_size(VL * 4)));
typedef int32_t vi __attribute__((vector_size(VL * 4)));

inline vf vload(const float* p) {
  vf v;
  std::memcpy(&v, p, sizeof(vf));
  return v;
}
inline void vstore(float* p, vf v) { std::memcpy(p, &v, sizeof(vf)); }
inline vf vsplat(float x) { return vf{} + x; }
inline vf vmin(vf a, vf b) { return a < b ? a : b; }
inline vf vmax(vf a, vf b) { return a > b ? a : b; }
inline float hsum(vf v) {
  float s = 0;
  for (int i = 0; i < VL; ++i) s += v[i];
  return s;
}
inline float hmax(vf v) {
  float s = v[0];
  for (int i = 1; i < VL; ++i) s = v[i] > s ? v[i] : s;
  return s;
}

// exp(x) to ~1 ulp for x in [-87.3, 88.7] (clamped outside): x = n·ln2 + r, exp(r) by a degree-6
// polynomial (Cephes expf coefficients), times 2^n built in the exponent bits.
inline vf vexp(vf x) {
  x = vmin(vmax(x, vsplat(-87.3f)), vsplat(88.7f));
  const vf fx = x * 1.44269504088896341f;
  const vf v = fx + 0.5f;  // n = floor(v): truncate, then step down where truncation went up
  vi n = __builtin_convertvector(v, vi);
  n = n + (v < __builtin_convertvector(n, vf));
  const vf nf = __builtin_convertvector(n, vf);
  const vf r = x - nf * 0.693359375f + nf * 2.12194440e-4f;
  vf p = vsplat(1.9875691500E-4f);
  p = p * r + 1.3981999507E-3f;
  p = p * r + 8.3334519073E-3f;
  p = p * r + 4.1665795894E-2f;
  p = p * r + 1.6666665459E-1f;
  p = p * r + 5.0000001201E-1f;
  const vf y = p * r * r + r + 1.0f;
  const vi bits = (n + 127) << 23;
  vf scale;
  std::memcpy(&scale, &bits, sizeof(vf));
  return y * scale;
}

// tanh(x) = sign(x)·(1 − 2 / (exp(2|x|) + 1))
inline vf vtanh(vf x) {
  const vf ax = x < vsplat(0.0f) ? -x : x;
  const vf e = vexp(ax * 2.0f);
  const vf t = 1.0f - 2.0f / (e + 1.0f);
  return x < vsplat(0.0f) ? -t : t;
}

}  // namespace girl
