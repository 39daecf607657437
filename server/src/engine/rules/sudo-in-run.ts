// Identity: sudo invoked in a RUN instruction.
import { defineRule } from '../rule';
import { shellCommands, sudoWords } from '../dockerfile/commands';
import { deleteWordEdit } from '../dockerfile/fixes';
import { stageLabel } from '../dockerfile/model';

export default defineRule({
  id: 'sudo-in-run',
  title: 'sudo used in RUN',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile'],
  peers: ['DL3004', 'DS-0010'],
  fix: { safe: true, description: 'remove the word' },
  references: [
    { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
    { title: 'Dockerfile best practices: USER', url: 'https://docs.docker.com/build/building/best-practices/#user' },
    { title: 'hadolint DL3004: Do not use sudo', url: 'https://github.com/hadolint/hadolint/wiki/DL3004' },
  ],
  docs: {
    what: 'A `RUN` instruction (shell, exec or heredoc form, `ONBUILD RUN` included, in any stage) invokes `sudo`. The finding points at the `sudo` word. Shell-command rules are off after a `SHELL` that is not a POSIX shell.',
    why: 'Build steps already run as root until a `USER` switches away, so `sudo` is never needed for privilege; its presence usually means the image ships the setuid-root `sudo` binary and a sudoers rule for the runtime user. Then any code execution in the running container can become uid 0, with the default capabilities, unless `no_new_privs` is set. `sudo` also behaves badly as a build tool: it needs a TTY for some configurations and changes the environment and signal handling of the command.',
    fix: "Drop `sudo`: run the privileged build steps before switching user, or switch with `USER root` ... `USER 10001` around them, and do not install `sudo` in the image. The quick fix deletes the `sudo` word when it prefixes a command; it is marked safe because it does not change how the shipped container runs, but if the stage's `USER` is not root at that point the step needs a `USER root` before it to keep building.",
    examples: [
      { format: 'dockerfile', bad: 'FROM ubuntu:24.04\nUSER ubuntu\nRUN sudo apt-get update && sudo apt-get install -y curl', good: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl\nUSER ubuntu' },
    ],
  },
  dockerfile: (model, r) => {
    for (const { run, cmd } of shellCommands(model)) {
      for (const k of sudoWords(cmd)) {
        const w = cmd.words[k];
        const next = cmd.words[k + 1];
        // Safe only when sudo directly prefixes a command (`sudo apt-get ...`, not `sudo -u app ...`).
        const fixable = next && !next.value.startsWith('-') && !w.quoted && run.form === 'shell' && model.text.slice(w.span.start, w.span.end) === 'sudo';
        const stage = model.stages[run.stage];
        r.report({
          span: w.span,
          message: '`sudo` in RUN: build steps already run as root, and shipping sudo lets the runtime user regain uid 0.',
          object: stage ? stageLabel(stage) : undefined,
          fixes: fixable ? [{ title: 'Remove `sudo`', safe: true, edits: [deleteWordEdit(model.text, w.span)] }] : [],
        });
      }
    }
  },
});
