// Image provenance and supply chain: a download piped or substituted into a shell.
import { defineRule } from '../rule';
import { downloadsPipedToShell } from '../dockerfile/commands';
import { stageObject } from '../dockerfile/model';

export default defineRule({
  id: 'curl-pipe-shell',
  title: 'Download piped into a shell',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile'],
  peers: [],
  references: [
    { title: 'Dockerfile reference: RUN', url: 'https://docs.docker.com/reference/dockerfile/#run' },
    { title: 'Dockerfile best practices: using pipes', url: 'https://docs.docker.com/build/building/best-practices/#using-pipes' },
    { title: 'CIS Docker Benchmark v1.6.0, 4.11: Ensure only verified packages are installed', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'A `RUN` instruction (any form, any stage) executes downloaded content directly: `curl ... | sh`, `wget -O- ... | bash`, `sh -c "$(curl ...)"`, `bash <(curl ...)` and similar combinations of `curl`/`wget` with a shell. The finding points at the download command.',
    why: 'The script runs unverified, usually as root in the build container, and whatever it installs ends up in the image that later runs on the host kernel. A compromised or spoofed server, a hijacked domain or a truncated download (which a pipe hides, because the shell starts running partial input) changes the image without any trace in the Dockerfile; servers can even serve different content to `curl | sh` than to a browser.',
    fix: 'Download to a file, verify it against a pinned checksum or signature, then run it: `curl -fsSLo install.sh <url> && echo "<sha256>  install.sh" | sha256sum -c - && sh install.sh`. Better, install from the distribution\'s signed packages or copy the tool from a pinned image (`COPY --from=<image>@sha256:...`). There is no quick fix: the checksum must come from a trusted source.',
    examples: [
      { format: 'dockerfile', bad: 'FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/install.sh | sh', good: 'FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n && echo "<sha256-of-reviewed-script>  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh && rm /tmp/install.sh' },
    ],
  },
  dockerfile: (model, r) => {
    for (const run of model.runs) {
      if (!run.posix) continue;
      for (const w of downloadsPipedToShell(run))
        r.report({ span: w.span, message: `\`${w.value}\` output is run by a shell: the build executes whatever the server sends, with no checksum or signature check.`, object: stageObject(model, run.stage) });
    }
  },
});
