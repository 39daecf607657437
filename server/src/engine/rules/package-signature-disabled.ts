// Image provenance and supply chain: package manager signature checks disabled.
import { defineRule } from '../rule';
import { shellCommands, signatureDisabled } from '../dockerfile/commands';
import { stageObject } from '../dockerfile/model';

export default defineRule({
  id: 'package-signature-disabled',
  title: 'Package signature verification disabled',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile'],
  peers: [],
  fix: { safe: true, description: 'remove the flag' },
  references: [
    { title: 'CIS Docker Benchmark v1.6.0, 4.11: Ensure only verified packages are installed', url: 'https://www.cisecurity.org/benchmark/docker' },
    { title: 'apt-get(8)', url: 'https://manpages.debian.org/stable/apt/apt-get.8.en.html' },
    { title: 'Dockerfile best practices: apt-get', url: 'https://docs.docker.com/build/building/best-practices/#apt-get' },
  ],
  docs: {
    what: 'A `RUN` command installs packages with signature or digest checks turned off: apt `--allow-unauthenticated` or `--force-yes`, apk `--allow-untrusted`, yum/dnf/zypper `--nogpgcheck`, `rpm --nosignature` or `--nodigest`.',
    why: 'Package signatures are what ties a package to the distribution that built it. Without them a mirror, proxy or network attacker can supply any package, and package installation runs maintainer scripts as root and drops binaries (including setuid ones) that the container will execute on the host kernel. The flags usually hide a configuration problem (a missing key) that should be fixed instead.',
    fix: "Remove the flag and import the repository's signing key properly (a keyring file referenced with `signed-by=` for apt, `rpm --import` for rpm, the key under `/etc/apk/keys` for apk). The quick fix removes the flag; it is marked safe because for correctly signed packages the installation is unchanged, and a failure then shows a genuine trust problem.",
    examples: [
      { format: 'dockerfile', bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --allow-unauthenticated curl', good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl' },
    ],
  },
  dockerfile: (model, r) => {
    for (const { run, cmd } of shellCommands(model))
      for (const h of signatureDisabled(model.text, cmd))
        r.report({ span: h.span, message: `${h.what} installs packages without checking their signatures: a tampered mirror or proxy can feed the image anything.`, object: stageObject(model, run.stage), fixes: h.edits ? [{ title: `Remove ${h.what}`, safe: true, edits: h.edits }] : [] });
  },
});
