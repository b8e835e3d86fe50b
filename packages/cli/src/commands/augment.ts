/** `girl augment`: generated JDs as recommender features: AUC with and without (runs the earlier stages first when needed). */
import { Command } from 'commander';
import { addCommonOptions, runFromFlags } from './common.js';
import type { CommonFlags } from './common.js';

/** The `augment` command. */
export function augmentCommand(): Command {
  return addCommonOptions(new Command('augment'))
    .description('generated JDs as recommender features: AUC with and without (runs the earlier stages first when needed)')
    .addHelpText('after', '\nExamples:\n  girl augment --preset tiny\n  girl augment --resume runs/<id>     # the stage (and any before it) in an existing run')
    .action((opts: CommonFlags) => runFromFlags(opts, 'augment'));
}
