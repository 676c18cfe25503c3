//===- kernels-driver.c - Runs execute-kernels.mlir's generated code -------===//
//
// Calls each kernel through its _mlir_ciface_ entry point, the calling
// convention of loom-results-to-out-params (pointers to strided memref
// descriptors: inputs, then one caller-allocated, 64-byte aligned output per
// result), and compares with plain C loops computed in double precision.
//
//===----------------------------------------------------------------------===//
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DESC(rank)                                                             \
  struct desc##rank {                                                          \
    void *allocated, *aligned;                                                 \
    int64_t offset, sizes[rank], strides[rank];                                \
  }
DESC(1);
DESC(2);
DESC(3);
DESC(4);

static void *buffer(size_t bytes) {
  void *p = aligned_alloc(64, (bytes + 63) / 64 * 64);
  memset(p, 0xff, bytes); // NaN garbage: a missed write shows
  return p;
}
#define MAKE(rank, var, ptr, ...)                                              \
  struct desc##rank var = {ptr, ptr, 0, {__VA_ARGS__}, {0}};                   \
  for (int i = rank - 1, s = 1; i >= 0; s *= (int)var.sizes[i], --i)          \
    var.strides[i] = s;

static uint32_t seed = 12345;
static float rnd(void) {
  seed = seed * 1664525u + 1013904223u;
  return (float)((seed >> 8) & 0xffff) / 65536.0f * 2.0f - 1.0f;
}
static float *randomF32(int n) {
  float *p = buffer(n * sizeof(float));
  for (int i = 0; i < n; ++i) p[i] = rnd();
  return p;
}
static int report(const char *name, const float *got, const double *want,
                  int n, double tol) {
  double worst = 0;
  for (int i = 0; i < n; ++i) {
    double err = fabs(got[i] - want[i]) / (1.0 + fabs(want[i]));
    if (!(err <= worst)) worst = err;
  }
  printf("%s: %s (max rel err %.3g)\n", name, worst <= tol ? "ok" : "FAIL", worst);
  return worst <= tol;
}

void _mlir_ciface_matmul_bias_relu(struct desc2 *, struct desc2 *, struct desc1 *, struct desc2 *);
void _mlir_ciface_chain(struct desc2 *, struct desc2 *, struct desc2 *, struct desc2 *);
void _mlir_ciface_chain_f64(struct desc2 *, struct desc2 *, struct desc2 *);
void _mlir_ciface_row_sum(struct desc2 *, struct desc1 *);
void _mlir_ciface_col_max(struct desc2 *, struct desc1 *);
void _mlir_ciface_transpose(struct desc2 *, struct desc2 *);
void _mlir_ciface_conv(struct desc4 *, struct desc4 *, struct desc4 *);
void _mlir_ciface_concat(struct desc2 *, struct desc2 *, struct desc2 *, struct desc2 *);
void _mlir_ciface_bmm(struct desc3 *, struct desc3 *, struct desc3 *);
void _mlir_ciface_identity(struct desc2 *, struct desc2 *, struct desc2 *);
// Its temporaries live in a workspace the caller provides (loom.workspace).
void _mlir_ciface_softmax(struct desc2 *, struct desc2 *, struct desc1 *);

int main(void) {
  {
    float *a = randomF32(32 * 24), *b = randomF32(24 * 48), *bias = randomF32(48);
    float *out = buffer(32 * 48 * 4);
    double want[32 * 48];
    MAKE(2, da, a, 32, 24) MAKE(2, db, b, 24, 48) MAKE(1, dbias, bias, 48)
    MAKE(2, dout, out, 32, 48)
    _mlir_ciface_matmul_bias_relu(&da, &db, &dbias, &dout);
    for (int i = 0; i < 32; ++i)
      for (int j = 0; j < 48; ++j) {
        double s = bias[j];
        for (int k = 0; k < 24; ++k) s += (double)a[i * 24 + k] * b[k * 48 + j];
        want[i * 48 + j] = s > 0 ? s : 0;
      }
    report("matmul_bias_relu", out, want, 32 * 48, 1e-5);
  }
  {
    float *x = randomF32(160), *y = randomF32(160), *z = randomF32(160), *out = buffer(640);
    double want[160];
    for (int i = 0; i < 160; ++i) z[i] = z[i] + 1.5f;
    MAKE(2, dx, x, 4, 40) MAKE(2, dy, y, 4, 40) MAKE(2, dz, z, 4, 40) MAKE(2, dout, out, 4, 40)
    _mlir_ciface_chain(&dx, &dy, &dz, &dout);
    for (int i = 0; i < 160; ++i) want[i] = exp(x[i]) * tanh(y[i]) + log(z[i]);
    report("chain", out, want, 160, 1e-5);
  }
  {
    double *x = buffer(36 * 8), *y = buffer(36 * 8), *out = buffer(36 * 8);
    for (int i = 0; i < 36; ++i) { x[i] = rnd(); y[i] = rnd(); }
    MAKE(2, dx, x, 3, 12) MAKE(2, dy, y, 3, 12) MAKE(2, dout, out, 3, 12)
    _mlir_ciface_chain_f64(&dx, &dy, &dout);
    double worst = 0;
    for (int i = 0; i < 36; ++i) worst = fmax(worst, fabs(out[i] - exp(x[i]) * y[i]));
    printf("chain_f64: %s (max abs err %.3g)\n", worst <= 1e-14 ? "ok" : "FAIL", worst);
  }
  {
    float *x = randomF32(512), *out = buffer(32), *out2 = buffer(256);
    double want[8], want2[64];
    MAKE(2, dx, x, 8, 64) MAKE(1, dout, out, 8) MAKE(1, dout2, out2, 64)
    _mlir_ciface_row_sum(&dx, &dout);
    _mlir_ciface_col_max(&dx, &dout2);
    for (int i = 0; i < 8; ++i) { want[i] = 0; for (int j = 0; j < 64; ++j) want[i] += x[i * 64 + j]; }
    for (int j = 0; j < 64; ++j) { want2[j] = -INFINITY; for (int i = 0; i < 8; ++i) want2[j] = fmax(want2[j], x[i * 64 + j]); }
    report("row_sum", out, want, 8, 1e-5);
    report("col_max", out2, want2, 64, 0);
  }
  {
    float *x = randomF32(192), *out = buffer(192 * 4);
    double want[192];
    MAKE(2, dx, x, 16, 12) MAKE(2, dout, out, 12, 16)
    _mlir_ciface_transpose(&dx, &dout);
    for (int i = 0; i < 12; ++i) for (int j = 0; j < 16; ++j) want[i * 16 + j] = x[j * 12 + i];
    report("transpose", out, want, 192, 0);
  }
  {
    float *x = randomF32(72), *w = randomF32(54), *out = buffer(48 * 4);
    double want[48];
    MAKE(4, dx, x, 1, 2, 6, 6) MAKE(4, dw, w, 3, 2, 3, 3) MAKE(4, dout, out, 1, 3, 4, 4)
    _mlir_ciface_conv(&dx, &dw, &dout);
    for (int f = 0; f < 3; ++f) for (int oh = 0; oh < 4; ++oh) for (int ow = 0; ow < 4; ++ow) {
      double s = 0;
      for (int c = 0; c < 2; ++c) for (int kh = 0; kh < 3; ++kh) for (int kw = 0; kw < 3; ++kw)
        s += (double)x[(c * 6 + oh + kh) * 6 + ow + kw] * w[((f * 2 + c) * 3 + kh) * 3 + kw];
      want[(f * 4 + oh) * 4 + ow] = s;
    }
    report("conv", out, want, 48, 1e-5);
  }
  {
    float *a = randomF32(24), *b = randomF32(40), *out = buffer(64 * 4), *out2 = buffer(12 * 4);
    double want[64], want2[12];
    MAKE(2, da, a, 4, 6) MAKE(2, db, b, 4, 10) MAKE(2, dout, out, 4, 16) MAKE(2, dout2, out2, 2, 6)
    _mlir_ciface_concat(&da, &db, &dout, &dout2);
    for (int i = 0; i < 4; ++i) for (int j = 0; j < 16; ++j) want[i * 16 + j] = j < 6 ? a[i * 6 + j] : b[i * 10 + j - 6];
    for (int i = 0; i < 12; ++i) want2[i] = a[6 + i];
    report("concat", out, want, 64, 0);
    report("concat_slice", out2, want2, 12, 0);
  }
  {
    float *a = randomF32(64), *b = randomF32(256), *out = buffer(128 * 4);
    double want[128];
    MAKE(3, da, a, 2, 4, 8) MAKE(3, db, b, 2, 8, 16) MAKE(3, dout, out, 2, 4, 16)
    _mlir_ciface_bmm(&da, &db, &dout);
    for (int n = 0; n < 2; ++n) for (int i = 0; i < 4; ++i) for (int j = 0; j < 16; ++j) {
      double s = 0;
      for (int k = 0; k < 8; ++k) s += (double)a[(n * 4 + i) * 8 + k] * b[(n * 8 + k) * 16 + j];
      want[(n * 4 + i) * 16 + j] = s;
    }
    report("bmm", out, want, 128, 1e-5);
  }
  {
    float *a = randomF32(15), *o1 = buffer(60), *o2 = buffer(60);
    double want[15];
    MAKE(2, da, a, 5, 3) MAKE(2, d1, o1, 5, 3) MAKE(2, d2, o2, 5, 3)
    _mlir_ciface_identity(&da, &d1, &d2);
    for (int i = 0; i < 15; ++i) want[i] = a[i];
    report("identity_0", o1, want, 15, 0);
    report("identity_1", o2, want, 15, 0);
  }
  {
    float *x = randomF32(512), *out = buffer(512 * 4);
    double want[512];
    MAKE(2, dx, x, 8, 64) MAKE(2, dout, out, 8, 64)
    // More than the kernel's loom.workspace bytes, filled with garbage: the
    // kernel must not read what it did not write.
    enum { kWorkspaceBytes = 1 << 16 };
    MAKE(1, dworkspace, buffer(kWorkspaceBytes), kWorkspaceBytes)
    _mlir_ciface_softmax(&dx, &dout, &dworkspace);
    for (int i = 0; i < 8; ++i) {
      double m = -INFINITY, s = 0;
      for (int j = 0; j < 64; ++j) m = fmax(m, x[i * 64 + j]);
      for (int j = 0; j < 64; ++j) s += exp(x[i * 64 + j] - m);
      for (int j = 0; j < 64; ++j) want[i * 64 + j] = exp(x[i * 64 + j] - m) / s;
    }
    report("softmax", out, want, 512, 1e-5);
  }
  return 0;
}
