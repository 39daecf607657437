// Secrets: a secret-looking name (password, passwd, secret, token, api key, private key, credential, access key) with a literal value: Dockerfile ENV/ARG (an ARG with such a name leaks through image history even without a default), Compose environment/build.args, Kubernetes env[].value (not valueFrom); values 
import { defineRule } from '../rule';
import { stageObject } from '../dockerfile/model';
import { isLiteralSecretValue as dockerfileLiteralSecret, isSecretName as dockerfileSecretName } from '../secrets';
import { eachContainer, where } from '../kubernetes/model';
import { isLiteralSecretValue, isSecretName } from '../secrets';
import { at as composeAt, oncePerSpan } from '../compose/support';

export default defineRule({
  id: 'secret-in-env',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['DL3064', 'DS-0031', 'env-var-secret'],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
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
