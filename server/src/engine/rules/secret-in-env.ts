// Secrets: a secret-looking variable with a literal value in ENV/ARG, Compose environment/build args or Kubernetes env.
import { defineRule } from '../rule';
import { stageObject } from '../dockerfile/model';
import { isLiteralSecretValue as dockerfileLiteralSecret, isSecretName as dockerfileSecretName } from '../secrets';
import { eachContainer, where } from '../kubernetes/model';
import { isLiteralSecretValue, isSecretName } from '../secrets';
import { at as composeAt, oncePerSpan } from '../compose/support';

export default defineRule({
  id: 'secret-in-env',
  title: 'Secret in environment variable',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['DL3064', 'DS-0031', 'env-var-secret'],
  references: [
    { title: 'Docker build secrets (RUN --mount=type=secret)', url: 'https://docs.docker.com/build/building/secrets/' },
    { title: 'Compose: manage secrets', url: 'https://docs.docker.com/compose/how-tos/use-secrets/' },
    { title: 'Kubernetes: good practices for Secrets', url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' },
    { title: 'CIS Docker Benchmark v1.6.0, 4.10: Ensure secrets are not stored in Dockerfiles', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'A variable whose name looks like a secret is given a literal value. A name is secret-looking when, split into words on `_`, `-`, `.` and case changes, it contains `password`, `passwd`, `secret`, `token`, `credential(s)`, `apikey`, or the pairs `api key`, `private key`, `access key`, `secret key`, `client secret`, and none of `public`, `file`, `path`, `url`, `uri`, `version` (`TOKEN_URL`, `PUBLIC_KEY`, `PASSWORD_FILE` are fine). Dockerfile: `ENV` and `ARG` in any stage, where every such `ARG` counts, even with no or an empty default. Compose: `environment` and `build.args`, where a `${VAR:-literal}` / `${VAR-literal}` default is a literal but `${VAR}`, `${VAR:?msg}`, `${VAR:-}` are references, and on/off switch values (`yes`, `true`, `off`, as in `MYSQL_RANDOM_ROOT_PASSWORD: "yes"`) are not secrets. Kubernetes: `env[].value` (not `valueFrom`). Apart from such an `ARG`, empty values and values that only point elsewhere (`/run/secrets/...`) are not reported.',
    why: 'Environment variables are not a secret store. In an image, `ENV` values are part of the image configuration and build arguments are recorded in its history, so anyone who can pull the image can read them. At runtime the environment is copied into every child process and is readable through `/proc/<pid>/environ` by the same uid and by any process that can ptrace it (a `hostPID` container on the node, for example), and through `docker inspect`. In Kubernetes a literal `value` is stored in the workload object, visible to anyone who can read the Deployment, instead of in a Secret with its own access control and encryption at rest.',
    fix: 'Dockerfile: pass build-time secrets with `RUN --mount=type=secret,id=<id>` (and `docker build --secret id=<id>,...`), and provide runtime secrets when the container starts. Compose: use top-level `secrets:` mounted under `/run/secrets/`, or `${VAR}` taken from an uncommitted `.env` file. Kubernetes: `valueFrom.secretKeyRef`, or better a Secret volume. Rotate any secret that was committed. There is no quick fix: the value has to move out of the file.',
    examples: [
      { format: 'dockerfile', bad: 'FROM node:22-slim\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci', good: 'FROM node:22-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci' },
      { format: 'compose', bad: 'services:\n  db:\n    image: postgres:17.2\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:-changeme}', good: 'services:\n  db:\n    image: postgres:17.2\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./db_password.txt' },
      { format: 'kubernetes', bad: 'env:\n  - name: API_TOKEN\n    value: "s3cr3t-t0ken"', good: 'env:\n  - name: API_TOKEN\n    valueFrom:\n      secretKeyRef:\n        name: api\n        key: token' },
    ],
  },
  dockerfile: (model, r) => {
    for (const e of model.envs) {
      if (!dockerfileSecretName(e.name)) continue;
      if (e.kind === 'ARG')
        r.report({ span: e.span, message: `\`ARG ${e.name}\` looks like a secret: build arguments are recorded in the image history (\`docker history\`), with or without a default. Use \`RUN --mount=type=secret\`.`, object: stageObject(model, e.stage) });
      else if (dockerfileLiteralSecret(e.value))
        r.report({ span: e.span, message: `\`ENV ${e.name}\` holds a literal secret: it is stored in the image config and readable by anyone who can pull the image. Use \`RUN --mount=type=secret\` or a runtime secret.`, object: stageObject(model, e.stage) });
    }
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      const vars = [...svc.environment.map((v) => ({ v, where: 'environment' })), ...(svc.build?.args ?? []).map((v) => ({ v, where: 'build.args' }))];
      for (const { v, where } of vars) {
        if (v.raw === undefined || !isSecretName(v.name) || !isLiteralSecretValue(v.raw)) continue;
        // A switch such as `MYSQL_RANDOM_ROOT_PASSWORD: "yes"` or `SERVER_TOKENS: off` holds no secret.
        if (/^(true|false|yes|no|on|off)$/i.test((v.value ?? '').trim())) continue;
        const why = where === 'build.args' ? 'it lands in the image history' : 'it is committed with the file and visible through `docker inspect`';
        r.report(composeAt(svc, v.span, `Service ${svc.name} sets ${v.name} in \`${where}\` to a literal value: ${why}. Use Compose \`secrets\` or a \`\${VAR}\` reference.`));
      }
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      for (const e of c.env) {
        if (!e.name || !e.value || !isSecretName(e.name)) continue;
        const v = e.value.value;
        if (v === undefined || v === null || !isLiteralSecretValue(String(v))) continue;
        r.report({ span: e.value.span, message: `${where(o, c)}: env ${e.name} holds a literal secret; use valueFrom.secretKeyRef so it is not stored in the manifest.`, object: o.label, container: c.name });
      }
    });
  },
});
