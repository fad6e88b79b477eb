import type { Command } from 'commander';

/** One command of the tree: where it sits, what may follow it. */
export interface CompletionNode {
  /** Command names from the root, e.g. `['dlq', 'list']` (`[]` is the root). */
  path: string[];
  subcommands: Array<{ name: string; description: string }>;
  /** Long and short flags, e.g. `--config`, `-c`, with the option's description. */
  options: Array<{ long?: string; short?: string; description: string }>;
}

/** The shells `voxbridge completion` writes scripts for. */
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
/** One of {@link COMPLETION_SHELLS}. */
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** Walks commander's tree: every command with its subcommands and options (help included). */
export function completionTree(program: Command): CompletionNode[] {
  const nodes: CompletionNode[] = [];
  const walk = (command: Command, path: string[]) => {
    const help = { long: '--help', short: '-h', description: 'display help for command' };
    nodes.push({
      path,
      subcommands: command.commands.map((c) => ({ name: c.name(), description: c.description() })),
      options: [
        ...command.options.map((o) => ({ long: o.long, short: o.short, description: o.description })),
        help,
      ],
    });
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
  return nodes;
}

/** Single-quotes a word for bash/zsh/fish. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function bash(nodes: CompletionNode[]): string {
  const paths = nodes.filter((n) => n.path.length > 0).map((n) => quote(n.path.join(' ')));
  const cases = nodes.map((n) => {
    const words = [
      ...n.subcommands.map((s) => s.name),
      ...n.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f)),
    ];
    return `    ${quote(n.path.join(' '))}) words=${quote(words.join(' '))} ;;`;
  });
  // Bash's own ${...} expansions are escaped (\${); only ${paths} and ${cases} are filled in here.
  return `# voxbridge completion for bash: eval "$(voxbridge completion bash)" or save it under
# /etc/bash_completion.d/voxbridge. Generated from the command tree; regenerate after an upgrade.
_voxbridge() {
  local cur word path i words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  path=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "$word" in -*) continue ;; esac
    case "\${path:+$path }$word" in
      ${paths.join('|')}) path="\${path:+$path }$word" ;;
    esac
  done
  case "$path" in
${cases.join('\n')}
    *) words="" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _voxbridge voxbridge
`;
}

function zsh(nodes: CompletionNode[]): string {
  // zsh runs the bash function through its bash-completion layer: one script to keep right.
  return [
    '#compdef voxbridge',
    '# voxbridge completion for zsh: eval "$(voxbridge completion zsh)" in ~/.zshrc.',
    'autoload -U +X compinit && compinit',
    'autoload -U +X bashcompinit && bashcompinit',
    bash(nodes),
  ].join('\n');
}

function fish(nodes: CompletionNode[]): string {
  const lines = [
    '# voxbridge completion for fish: voxbridge completion fish > ~/.config/fish/completions/voxbridge.fish',
    'complete -c voxbridge -f',
  ];
  for (const node of nodes) {
    const depth = node.path.length;
    // The root: no subcommand yet. Deeper: the last name seen, and none of its own subcommands yet.
    const last = node.path[depth - 1];
    const children = node.subcommands.map((s) => s.name).join(' ');
    const condition =
      depth === 0
        ? '__fish_use_subcommand'
        : `__fish_seen_subcommand_from ${last}${children ? `; and not __fish_seen_subcommand_from ${children}` : ''}`;
    for (const sub of node.subcommands)
      lines.push(
        `complete -c voxbridge -n ${quote(condition)} -a ${quote(sub.name)} -d ${quote(sub.description)}`,
      );
    for (const option of node.options) {
      const flags = [
        option.long ? `-l ${option.long.replace(/^--/, '')}` : '',
        option.short ? `-s ${option.short.replace(/^-/, '')}` : '',
      ].filter(Boolean);
      lines.push(
        `complete -c voxbridge -n ${quote(condition)} ${flags.join(' ')} -d ${quote(option.description)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The completion script for `shell`, generated from `program`'s command tree. */
export function completionScript(program: Command, shell: CompletionShell): string {
  const nodes = completionTree(program);
  return shell === 'bash' ? bash(nodes) : shell === 'zsh' ? zsh(nodes) : fish(nodes);
}
