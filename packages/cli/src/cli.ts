/**
 * `girl` — GIRL's command line: train a tokenizer, SFT, the reward model, PPO; generate JDs for CVs; use
 * them as recommender features; or run the whole pipeline.
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from './index.js';
import { augmentCommand } from './commands/augment.js';
import { exportHfCommand } from './commands/export-hf.js';
import { generateCommand } from './commands/generate.js';
import { pipelineCommand } from './commands/pipeline.js';
import { ppoCommand } from './commands/ppo.js';
import { rmCommand } from './commands/rm.js';
import { sftCommand } from './commands/sft.js';
import { serveCommand } from './serve/serve-command.js';
import { tokenizerCommand } from './commands/tokenizer.js';

/** The `girl` program with every command. */
export function buildProgram(): Command {
  const program = new Command('girl')
    .version(VERSION)
    .description('GIRL: generative job recommendation — SFT, a CV–JD reward model and PPO, in TypeScript')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', '\nStart with:  girl pipeline --preset tiny      (the demo: the whole pipeline on the synthetic market)');
  program.addCommand(tokenizerCommand());
  program.addCommand(sftCommand());
  program.addCommand(rmCommand());
  program.addCommand(ppoCommand());
  program.addCommand(generateCommand());
  program.addCommand(augmentCommand());
  program.addCommand(pipelineCommand());
  program.addCommand(serveCommand());
  program.addCommand(exportHfCommand());
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    const err = e as Error;
    process.stderr.write(`\ngirl: ${err.name && err.name !== 'Error' ? `${err.name}: ` : ''}${err.message}\n`);
    if (process.env.GIRL_DEBUG) process.stderr.write(`${err.stack}\n`);
    // 2: the requested backend cannot run here (the message says what is missing)
    process.exit(err.name === 'BackendUnavailableError' ? 2 : 1);
  });
