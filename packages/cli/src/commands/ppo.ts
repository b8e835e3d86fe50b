/** `girl ppo`: PPO of the generator against the reward model with a KL penalty (runs the earlier stages first when needed). */
import { Command } from 'commander';
import { addCommonOptions, runFromFlags } from './common.js';
import type { CommonFlags } from './common.js';

/** The `ppo` command. */
export function ppoCommand(): Command {
  return addCommonOptions(new Command('ppo'))
    .description('PPO of the generator against the reward model with a KL penalty (runs the earlier stages first when needed)')
    .addHelpText('after', '\nExamples:\n  girl ppo --preset tiny\n  girl ppo --resume runs/<id>     # the stage (and any before it) in an existing run')
    .action((opts: CommonFlags) => runFromFlags(opts, 'ppo'));
}
