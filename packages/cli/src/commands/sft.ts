/** `girl sft`: supervised fine-tuning of the JD generator on CV → JD pairs (runs the tokenizer first when needed). */
import { Command } from 'commander';
import { addCommonOptions, runFromFlags } from './common.js';
import type { CommonFlags } from './common.js';

/** The `sft` command. */
export function sftCommand(): Command {
  return addCommonOptions(new Command('sft'))
    .description('supervised fine-tuning of the JD generator on CV → JD pairs (runs the tokenizer first when needed)')
    .addHelpText('after', '\nExamples:\n  girl sft --preset tiny\n  girl sft --resume runs/<id>     # the stage (and any before it) in an existing run')
    .action((opts: CommonFlags) => runFromFlags(opts, 'sft'));
}
