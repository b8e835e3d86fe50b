/** `girl tokenizer train`: a byte-level BPE tokenizer on the training CVs and JDs. */
import { Command } from 'commander';
import { addCommonOptions, runFromFlags } from './common.js';
import type { CommonFlags } from './common.js';

/** The `tokenizer` command group. */
export function tokenizerCommand(): Command {
  const group = new Command('tokenizer').description('tokenizer commands');
  group.addCommand(
    addCommonOptions(new Command('train'))
      .description('train a byte-level BPE tokenizer on the training CVs and JDs (writes runs/<id>/tokenizer.girl.json)')
      .addHelpText('after', '\nExamples:\n  girl tokenizer train --preset tiny\n  girl tokenizer train --train ../shared/data/rjdb/train.jsonl --run-id rjdb')
      .action((opts: CommonFlags) => runFromFlags(opts, 'tokenizer')),
  );
  return group;
}
