// Secrets: COPY/ADD of a file that usually holds credentials (.env, keys, .npmrc, .aws/ ...).
import { defineRule } from '../rule';
import { shippedStages, stageObject } from '../dockerfile/model';
import { secretFileKind } from '../secrets';

export default defineRule({
  id: 'secret-file-in-image',
  title: 'Secret file copied into image',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile'],
  peers: [],
  references: [
    { title: 'Docker build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
    { title: 'Build context: .dockerignore files', url: 'https://docs.docker.com/build/concepts/context/#dockerignore-files' },
    { title: 'CIS Docker Benchmark v1.6.0, 4.10: Ensure secrets are not stored in Dockerfiles', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'In the shipped stage, or a stage it is built from, a `COPY` or `ADD` source names a file that typically contains credentials: `.env` and `.env.*` (except `.env.example`, `.env.sample`, `.env.template`), `id_rsa*`, `*.pem`, `*.key`, `.npmrc`, `.pypirc`, `.git-credentials`, `credentials*.json`, or the `.aws/` and `.ssh/` directories.',
    why: 'Every layer of an image is kept: a file copied in one instruction stays in the image even if a later `RUN rm` deletes it, and anyone who can pull the image (a registry user, a compromised node, a leaked tarball) can extract it with `docker save` or any layer tool. Keys and tokens leaked this way usually open far more than the container itself: registries, cloud accounts, source repositories.',
    fix: 'Keep the file out of the build context with `.dockerignore`, use `RUN --mount=type=secret` (or `--mount=type=ssh` for Git over SSH) for build-time needs, and supply runtime credentials at start-up through a secret store or mounted secrets. Rotate any credential that was already built into an image. There is no quick fix.',
    examples: [
      { format: 'dockerfile', bad: 'FROM python:3.13-slim\nCOPY .env /app/.env\nCOPY id_rsa /root/.ssh/id_rsa', good: 'FROM python:3.13-slim\nCOPY app/ /app/\nRUN --mount=type=ssh pip install git+ssh://git@github.com/example/private-lib.git' },
    ],
  },
  dockerfile: (model, r) => {
    const shipped = shippedStages(model);
    for (const c of model.copies) {
      if (!shipped.has(c.stage)) continue; // files copied into a builder stage do not reach the image
      for (const src of c.sources) {
        if (src.value.startsWith('<<')) continue;
        const kind = secretFileKind(src.value);
        if (kind) r.report({ span: src.span, message: `\`${c.kind} ${src.value}\` puts a ${kind} into the image layers, where anyone who can pull the image can read it (deleting it later does not remove it).`, object: stageObject(model, c.stage) });
      }
    }
  },
});
