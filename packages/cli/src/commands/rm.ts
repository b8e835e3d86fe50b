/** `girl rm`: train the CV–JD reward model on recruiter feedback (runs tokenizer and SFT first when needed). */
import { Command } from 'commander';
import { addCommonOptions, runFromFlags } from './common.js';
import type { CommonFlags } from './common.js';

/** The `rm` command. */
export function rmCommand(): Command {
  return addCommonOptions(new Command('rm'))
    .description('train the CV–JD reward model on recruiter feedback (runs tokenizer and SFT first when needed)')
    .addHelpText('after', '\nExamples:\n  girl rm --preset tiny\n  girl rm --resume runs/<id>     # the stage (and any before it) in an existing run')
    .action((opts: CommonFlags) => runFromFlags(opts, 'reward'));
}
