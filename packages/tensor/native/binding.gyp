{
  "targets": [
    {
      "target_name": "girl_native",
      "sources": ["src/addon.cc", "src/gemm.cc", "src/fused.cc", "src/thread-pool.cc", "src/decoder.cc", "src/decoder-napi.cc"],
      "cflags_cc!": ["-fno-exceptions"],
      "cflags_cc": ["-std=c++17", "-O3", "-march=native", "-funroll-loops", "-fno-math-errno"],
      "cflags": ["-O3", "-march=native"],
      "ldflags": ["-pthread"],
      "xcode_settings": {
        "OTHER_CPLUSPLUSFLAGS": ["-std=c++17", "-O3", "-march=native"],
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES"
      },
      "msvs_settings": { "VCCLCompilerTool": { "ExceptionHandling": 1, "Optimization": 2 } }
    }
  ]
}
