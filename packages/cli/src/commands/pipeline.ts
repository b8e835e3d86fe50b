/** `girl pipeline`: tokenizer → SFT → reward model → PPO → augmentation, with summary and report. */
import { Command } from 'commander';
import { addCommonOptions, runFromFlags } from './common.js';
import type { CommonFlags } from './common.js';

/** The `pipeline` command. */
export function pipelineCommand(): Command {
  return addCommonOptions(new Command('pipeline'))
    .description('run the whole pipeline (tokenizer, SFT, reward model, PPO, augmentation) and write runs/<id>/ with summary.json and report.html')
    .addHelpText(
      'after',
      `
Examples:
  girl pipeline --preset tiny                          # synthetic market, ~10 min on 2 CPU cores
  girl pipeline --train ../shared/data/rjdb/train.jsonl --eval ../shared/data/rjdb/test.jsonl
  girl pipeline --config my-run.json --backend wasm
  girl pipeline --resume runs/2026-01-01_12-00-00      # continue an interrupted run`,
    )
    .action((opts: CommonFlags) => runFromFlags(opts));
}
