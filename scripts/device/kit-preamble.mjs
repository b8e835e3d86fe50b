// Injected first into every kit bundle (prepare-kit.sh): bundles tfjs-backend-webgpu statically and leaves
// it on a global, which the stand-in package that run-gpu.sh writes re-exports to @girl/tensor's dynamic import.
import * as webgpuBackend from '@tensorflow/tfjs-backend-webgpu';

globalThis.__girlTfjsWebgpu = webgpuBackend;
