// Image provenance and supply chain: TLS certificate verification disabled for downloads.
import { defineRule } from '../rule';
import { shellCommands, tlsDisabled, tlsEnvDisables } from '../dockerfile/commands';
import { stageObject } from '../dockerfile/model';

export default defineRule({
  id: 'tls-verification-disabled',
  title: 'TLS verification disabled',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile'],
  peers: [],
  fix: { safe: true, description: 'remove the flag' },
  references: [
    { title: 'curl manual: --insecure', url: 'https://curl.se/docs/manpage.html#-k' },
    { title: 'Dockerfile reference: ENV', url: 'https://docs.docker.com/reference/dockerfile/#env' },
    { title: 'CIS Docker Benchmark v1.6.0, 4.11: Ensure only verified packages are installed', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'A `RUN` command turns off certificate checks: `curl -k`/`--insecure` (also inside combined flags such as `-fsSLk`), `wget --no-check-certificate`, `pip --trusted-host`, npm/yarn `strict-ssl false`, `sslverify=false` (also `=0`, `=no`); or an `ENV`/`ARG` sets `GIT_SSL_NO_VERIFY`, `NODE_TLS_REJECT_UNAUTHORIZED=0` or `PYTHONHTTPSVERIFY=0`.',
    why: "Without certificate verification anyone on the network path (a compromised proxy, Wi-Fi, a DNS hijack) can impersonate the server and substitute packages or scripts that are then built into the image and run on the host kernel with the container's privileges. Set in `ENV`, the variable also stays in the image and disables verification for the application at runtime, exposing its outgoing connections to the same interception.",
    fix: 'Remove the flag or variable. If a corporate proxy re-signs TLS, install its CA certificate in the image (`COPY corp-ca.crt /usr/local/share/ca-certificates/` + `update-ca-certificates`) or pass it as a build secret. The quick fix removes the flag; it is marked safe because with a valid certificate the command does exactly the same thing, and a build that then fails has revealed a real interception or a missing CA.',
    examples: [
      { format: 'dockerfile', bad: 'FROM python:3.13-slim\nENV PYTHONHTTPSVERIFY=0\nRUN curl -fsSLk https://example.com/tool.tar.gz -o /tmp/tool.tar.gz', good: 'FROM python:3.13-slim\nRUN curl -fsSL https://example.com/tool.tar.gz -o /tmp/tool.tar.gz' },
    ],
  },
  dockerfile: (model, r) => {
    for (const { run, cmd } of shellCommands(model))
      for (const h of tlsDisabled(model.text, cmd))
        r.report({ span: h.span, message: `${h.what} turns off TLS certificate checks: anyone on the network path can swap what the build downloads.`, object: stageObject(model, run.stage), fixes: h.edits ? [{ title: `Remove ${h.what}`, safe: true, edits: h.edits }] : [] });
    for (const e of model.envs)
      if (tlsEnvDisables(e.name, e.value))
        r.report({ span: e.span, message: `\`${e.kind} ${e.name}=${e.value ?? ''}\` turns off TLS certificate checks for every later build step${e.kind === 'ENV' ? ' and for the running container' : ''}.`, object: stageObject(model, e.stage) });
  },
});
