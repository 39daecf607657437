// Identity: the container is explicitly set to run as root (uid 0).
import { defineRule } from '../rule';
import { shippedUser, stageLabel } from '../dockerfile/model';
import { rootUserFix } from '../dockerfile/fixes';
import { isRootUid, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan, explicitRootUser, userParts } from '../compose/support';

export default defineRule({
  id: 'root-user',
  title: 'Container runs as root',
  severity: 'error',
  profile: 'B',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['DL3002', 'DS-0002', 'KSV-0105', 'CKV_DOCKER_8', 'CKV_K8S_23'],
  fix: { safe: false, description: 'set a non-root uid (`10001`)' },
  references: [
    { title: 'Pod Security Standards: Restricted (Running as Non-root user)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
    { title: 'CIS Docker Benchmark v1.6.0, 4.1: Ensure that a user for the container has been created', url: 'https://www.cisecurity.org/benchmark/docker' },
    { title: 'user_namespaces(7)', url: 'https://man7.org/linux/man-pages/man7/user_namespaces.7.html' },
  ],
  docs: {
    what: "The user a container runs as is set to root explicitly. Dockerfile: the shipped (last) stage's effective `USER` is `root` or `0`, with or without a group (`root:staff`, `0:0`), also when the value comes from an `ARG`/`ENV` default, or when a final `FROM <stage>` inherits `USER root` from that stage. Compose: a service's `user` is `root` or `0` (string or integer, any group). Kubernetes: `runAsUser: 0` in the pod or a container `securityContext`; a pod-level value is reported once at the pod key, even when containers override it. A container that is simply not made non-root is `non-root-not-enforced` instead; `runAsNonRoot: false` together with `runAsUser: 0` gives this rule only.",
    why: 'Without a user namespace, uid 0 in the container is uid 0 in the one kernel it shares with the host. Root keeps the default capability set (`CHOWN`, `DAC_OVERRIDE`, `SETUID`, `MKNOD` and others), owns every file on a writable host mount, and can use setuid binaries freely. Container escapes such as the runc `/proc/self/exe` overwrite (CVE-2019-5736) or the leaked working directory fd (CVE-2024-21626) turn into full root on the node when the process is already root; the same bugs are far less useful to an unprivileged uid.',
    fix: 'Run as a dedicated non-root uid, ideally numeric so Kubernetes can verify it. Dockerfile: create a user and switch to it in the last stage (`USER 10001:10001`). Compose: `user: "10001:10001"`. Kubernetes: `runAsUser: 10001` and `runAsNonRoot: true`, at pod level or per container. The quick fix replaces the uid with `10001`; it is unsafe because the process may need to own or write files that are owned by root in the image or on volumes (fix their ownership with `COPY --chown`, `fsGroup` or an init step).',
    examples: [
      { format: 'dockerfile', bad: 'FROM node:22-slim\nCOPY . /app\nUSER root\nCMD ["node", "/app/server.js"]', good: 'FROM node:22-slim\nCOPY --chown=10001:10001 . /app\nUSER 10001:10001\nCMD ["node", "/app/server.js"]' },
      { format: 'compose', bad: 'services:\n  api:\n    image: example/api:1.4.2\n    user: root', good: 'services:\n  api:\n    image: example/api:1.4.2\n    user: "10001:10001"' },
      { format: 'kubernetes', bad: 'containers:\n  - name: api\n    image: example/api:1.4.2\n    securityContext:\n      runAsUser: 0', good: 'containers:\n  - name: api\n    image: example/api:1.4.2\n    securityContext:\n      runAsUser: 10001\n      runAsNonRoot: true' },
    ],
  },
  dockerfile: (model, r) => {
    const u = shippedUser(model);
    if (!u || u.status !== 'root' || !u.user) return;
    const inherited = u.user.stage !== u.stage.index ? ` (inherited by the final stage from \`${stageLabel(model.stages[u.user.stage])}\`)` : '';
    const fix = rootUserFix(model, u);
    r.report({ span: u.user.span, message: `The image runs as root: \`USER ${u.user.raw}\`${inherited} is the last USER of the shipped stage, so a container escape lands as uid 0 on the host.`, object: stageLabel(u.stage), fixes: fix ? [fix] : [] });
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      const u = explicitRootUser(svc);
      if (!u) continue;
      const { group } = userParts(u.value);
      const next = group ? `10001:${group}` : '10001';
      r.report(composeAt(svc, u.span, `Service ${svc.name} runs as root (\`user: ${String(u.raw)}\`): a container escape lands as uid 0 on the host.`, cfx.replaceValue(model, u, next, `Run as uid 10001 (\`user: "${next}"\`)`)));
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads) {
      const pod = o.pod!.runAsUser;
      if (pod && isRootUid(pod)) r.report({ span: pod.span, message: `${where(o)}: the pod securityContext sets runAsUser: 0, so its containers run as root unless they override it.`, object: o.label, fixes: kfix.setValue(model, o, pod, 10001, 'Run as uid 10001') });
      for (const c of o.containers) {
        const f = c.runAsUser.origin === 'container' ? c.runAsUser.field : undefined;
        if (f && isRootUid(f)) r.report({ span: f.span, message: `${where(o, c)}: runs as root (runAsUser: 0).`, object: o.label, container: c.name, fixes: kfix.setValue(model, o, f, 10001, 'Run as uid 10001') });
      }
    }
  },
});
