// Prints, as JSON, the help of every command of `rapport` (from the sources, through tsx) and every
// option's and argument's description, in the language of this process's locale: one process for all
// of them, where spawning `rapport <command> --help` per command would take a second or more each.
import { register } from 'tsx/esm/api';

register();
const { program } = await import(new URL('../../src/cli/main.ts', import.meta.url).href);

const commands = [];
const walk = (cmd, path) => {
  commands.push({
    path,
    help: cmd.helpInformation(),
    description: cmd.description(),
    options: cmd.options.map((o) => ({ flags: o.flags, description: o.description })),
    arguments: cmd.registeredArguments.map((a) => ({ name: a.name(), description: a.description })),
  });
  for (const sub of cmd.commands) walk(sub, [...path, sub.name()]);
};
walk(program(), []);
process.stdout.write(JSON.stringify(commands));
