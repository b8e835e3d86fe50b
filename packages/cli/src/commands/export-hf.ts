/**
 * `girl export-hf`: a run's policy and reward model as Hugging Face folders for TRL / OpenRLHF:
 * `<out>/policy` (…ForCausalLM, the architecture the run started from) and `<out>/reward`
 * (…ForSequenceClassification, `num_labels: 1`), each with tokenizer.json.
 */
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { saveHfModel } from '@girl/generator';
import { RewardModel, saveRewardModelHf } from '@girl/reward';
import { BACKENDS } from '../config.js';
import { initBackend } from '@girl/tensor';
import type { BackendName } from '@girl/tensor';
import { loadRunModel } from './generate.js';

/** The parsed flags of `girl export-hf`. */
export interface ExportHfFlags {
  run: string;
  out: string;
  backend: string;
  dropUnexportable?: boolean;
}

/** Writes `<out>/policy` and `<out>/reward`; prints what was written and what the reward export left out. */
export async function exportHfAction(f: ExportHfFlags): Promise<void> {
  await initBackend(f.backend as BackendName);
  const { model, tokenizer, from } = await loadRunModel(f.run);
  try {
    await saveHfModel(model, join(f.out, 'policy'), { tokenizer });
    process.stderr.write(`policy (${from}) → ${join(f.out, 'policy')}\n`);
  } finally {
    model.dispose();
  }
  const rm = await RewardModel.load(join(f.run, 'reward', 'model'));
  try {
    const info = await saveRewardModelHf(rm, join(f.out, 'reward'), { dropUnexportable: f.dropUnexportable ?? false });
    process.stderr.write(`reward model → ${join(f.out, 'reward')} (${info.architecture}; HF score = GIRL score − ${info.scoreOffset.toFixed(4)})\n`);
    for (const d of info.dropped) process.stderr.write(`  left out: ${d}\n`);
  } finally {
    rm.dispose();
  }
}

/** The `export-hf` command. */
export function exportHfCommand(): Command {
  return new Command('export-hf')
    .description("write a run's policy (…ForCausalLM) and reward model (…ForSequenceClassification) as Hugging Face folders for TRL")
    .requiredOption('--run <dir>', 'a run folder (runs/<id>) with a policy and a reward model')
    .requiredOption('-o, --out <dir>', 'output folder (gets policy/ and reward/)')
    .option('--drop-unexportable', "export the reward model's transformer part even when it has a late-interaction or lexical head (its scores then differ)")
    .addOption(new Option('-b, --backend <name>', 'tensor backend').choices([...BACKENDS]).default('auto'))
    .addHelpText('after', '\nExample:\n  girl export-hf --run runs/2026-11-29_12-00-00 --out hf/ --drop-unexportable\n  # python: AutoModelForCausalLM.from_pretrained("hf/policy"); AutoModelForSequenceClassification.from_pretrained("hf/reward")')
    .action((opts: ExportHfFlags) => exportHfAction(opts));
}
