// Starts the webgpu backend as GIRL does and prints its adapter as one JSON line (exit 2 when none).
import { initBackend, releaseWebgpu } from '@girl/tensor';

try {
  const info = await initBackend('webgpu');
  console.log(JSON.stringify(info.adapter));
  releaseWebgpu();
} catch (e) {
  console.error(`${e.name}: ${e.message}`);
  process.exitCode = 2;
}
