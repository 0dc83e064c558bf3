/**
 * commander's own words (the help's headings, "[options]", "(default: …)", the help option and
 * command, the errors it reports) in the CLI's language, from the message catalogue like every other
 * text the CLI prints. Set on the program before its commands are added: commander copies the help
 * and output settings into every subcommand.
 */
import type { Argument, Command, HelpConfiguration, Option } from 'commander';
import type { MessageCode } from '../core/messages/index.js';
import { say } from './messages.js';

const titles: Record<string, MessageCode> = {
  'Usage:': 'cli.help.usage',
  'Options:': 'cli.help.options',
  'Global Options:': 'cli.help.globalOptions',
  'Commands:': 'cli.help.commands',
  'Arguments:': 'cli.help.arguments',
};

/** "[options]" and "[command]" in a usage line or a subcommand's term, in the CLI's language. */
const localiseUsage = (usage: string): string =>
  usage
    .replace(/\[options\]/g, `[${say('cli.help.optionsArg')}]`)
    .replace(/\[command\]/g, `[${say('cli.help.commandArg')}]`);

const argName = (a: Argument): string => {
  const name = a.name() + (a.variadic ? '...' : '');
  return a.required ? `<${name}>` : `[${name}]`;
};

/** What commander adds to a description in brackets: the choices, the default, the preset, the environment variable. */
function extras(
  description: string,
  info: {
    choices?: readonly string[] | undefined;
    defaultValue?: unknown;
    defaultValueDescription?: string | undefined;
    showDefault: boolean;
    preset?: unknown;
    envVar?: string | undefined;
  },
): string {
  const parts: string[] = [];
  if (info.choices) parts.push(say('cli.help.choices', { values: info.choices.join(', ') }));
  if (info.showDefault && info.defaultValue !== undefined)
    parts.push(say('cli.help.default', { value: info.defaultValueDescription ?? String(info.defaultValue) }));
  if (info.preset !== undefined) parts.push(say('cli.help.preset', { value: String(info.preset) }));
  if (info.envVar !== undefined) parts.push(say('cli.help.env', { name: info.envVar }));
  if (parts.length === 0) return description;
  const bracket = `(${parts.join('; ')})`;
  return description ? `${description} ${bracket}` : bracket;
}

/** The help's words that commander writes itself, replaced (configureHelp). */
export const helpConfiguration: HelpConfiguration = {
  styleTitle: (str: string) => (titles[str] ? say(titles[str]) : str),
  commandUsage(cmd: Command): string {
    const names: string[] = [];
    for (let c: Command | null = cmd.parent; c; c = c.parent) names.unshift(c.name());
    const alias = cmd.aliases()[0];
    return [...names, cmd.name() + (alias ? `|${alias}` : ''), localiseUsage(cmd.usage())].join(' ');
  },
  subcommandTerm(cmd: Command): string {
    const alias = cmd.aliases()[0];
    const args = cmd.registeredArguments.map(argName).join(' ');
    return (
      cmd.name() +
      (alias ? `|${alias}` : '') +
      (cmd.options.length ? ` [${say('cli.help.optionsArg')}]` : '') +
      (args ? ` ${args}` : '')
    );
  },
  optionDescription(option: Option): string {
    return extras(option.description, {
      choices: option.argChoices,
      defaultValue: option.defaultValue,
      defaultValueDescription: option.defaultValueDescription,
      showDefault:
        option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'),
      preset: option.optional ? option.presetArg : undefined,
      envVar: option.envVar,
    });
  },
  argumentDescription(argument: Argument): string {
    return extras(argument.description, {
      choices: argument.argChoices,
      defaultValue: argument.defaultValue,
      defaultValueDescription: argument.defaultValueDescription,
      showDefault: true,
    });
  },
};

/** commander's error lines (English in its source) → the catalogue's words; anything else as it came. */
const errors: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^error: unknown option '(.*)'$/, (m) => say('cli.error.unknownOption', { flag: m[1]! })],
  [/^error: unknown command '(.*)'$/, (m) => say('cli.error.unknownCommand', { name: m[1]! })],
  [/^error: missing required argument '(.*)'$/, (m) => say('cli.error.missingArgument', { name: m[1]! })],
  [/^error: option '(.*)' argument missing$/, (m) => say('cli.error.optionMissingArgument', { flags: m[1]! })],
  [/^error: required option '(.*)' not specified$/, (m) => say('cli.error.missingOption', { flags: m[1]! })],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m) => say('cli.error.tooManyArguments', { command: m[1] ?? 'rapport', expected: m[2]!, got: m[3]! }),
  ],
  [
    /^error: option '(.*)' argument '(.*)' is invalid\.\s*(.*)$/,
    (m) => say('cli.error.invalidOption', { flags: m[1]!, value: m[2]!, reason: m[3]! }).trim(),
  ],
  [
    /^error: command-argument value '(.*)' is invalid for argument '(.*)'\.\s*(.*)$/,
    (m) => say('cli.error.invalidArgument', { value: m[1]!, name: m[2]!, reason: m[3]! }).trim(),
  ],
  [/^\(Did you mean (.*)\?\)$/, (m) => say('cli.error.didYouMean', { suggestion: m[1]! })],
];

/** One error text of commander in the CLI's language, line by line. */
export function localiseError(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      for (const [pattern, word] of errors) {
        const m = line.match(pattern);
        if (m) return word(m);
      }
      return line;
    })
    .join('\n');
}

/**
 * The program's help and errors in the CLI's language, and `--version` (-V) printing the package's
 * version. Call before adding commands, so they inherit the settings.
 */
export function localiseCommander(cli: Command, version: string): Command {
  return cli
    .configureHelp(helpConfiguration)
    .helpOption('-h, --help', say('cli.help.help'))
    .helpCommand(`help [${say('cli.help.commandArg')}]`, say('cli.help.helpCommand'))
    .version(version, '-V, --version', say('cli.help.version'))
    .configureOutput({ outputError: (str, write) => write(localiseError(str)) })
    .showHelpAfterError(say('cli.help.hint'));
}
