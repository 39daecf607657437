// Identity: nothing makes the container run as a non-root user.
import { defineRule } from '../rule';
import * as cfx from '../compose/fixes';
import { relatedAt } from '../compose/build';
import { at as composeAt, explicitRootUser, hasNonRootUser, oncePerSpan } from '../compose/support';
import { shippedUser, stageLabel } from '../dockerfile/model';
import { addUserFix } from '../dockerfile/fixes';
import { isRootUid, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';

export default defineRule({
  id: 'non-root-not-enforced',
  title: 'Non-root user not enforced',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['KSV-0012', 'run-as-non-root', 'CKV_K8S_23', 'CKV_DOCKER_3'],
  fix: { safe: false, description: 'add `USER 10001` before `CMD`/`ENTRYPOINT` / `user: "10001:10001"` / `runAsNonRoot: true` (pod level)' },
  references: [
    { title: 'Pod Security Standards: Restricted (Running as Non-root)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
    { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
    { title: 'CIS Docker Benchmark v1.6.0, 4.1: Ensure that a user for the container has been created', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: "Nothing guarantees that the container runs as a non-root user. Dockerfile: the last stage (including what it inherits from an earlier stage it is built `FROM`) has no `USER` with a non-root user, so the image defaults to root. Compose: the service has no non-root `user`, and the Dockerfile it builds (if any, read across files) does not set one either; the finding is then related to that Dockerfile's `USER` or `FROM` line. Kubernetes: the effective `runAsNonRoot` of a container (its own value, else the pod's) is not `true`; an explicit pod `runAsNonRoot: false` is reported once at the pod key. An explicit root user is reported as `root-user` instead of this rule.",
    why: "Most base images default to root, so a container that does not say otherwise runs as uid 0, which is uid 0 in the host kernel unless user namespaces are in use. That root keeps the runtime's default capabilities and owns whatever host paths are mounted writable, so any kernel or runtime escape lands as root on the node. `runAsNonRoot: true` makes the kubelet refuse to start a container whose uid resolves to 0, which protects against an image update that silently switches back to root.",
    fix: 'Dockerfile: add `USER 10001` (a numeric uid) in the last stage before `CMD`/`ENTRYPOINT`. Compose: set `user: "10001:10001"` on the service, or add the `USER` to the Dockerfile it builds. Kubernetes: set `runAsNonRoot: true` in the pod `securityContext` (and a non-zero `runAsUser` if the image\'s user is a name). The quick fix inserts these settings; it is unsafe because an image that really runs as root will then fail to start or to write files it owns.',
    examples: [
      { format: 'dockerfile', bad: 'FROM python:3.13-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]', good: 'FROM python:3.13-slim\nCOPY app.py /app/\nUSER 10001\nCMD ["python", "/app/app.py"]' },
      { format: 'compose', bad: 'services:\n  worker:\n    image: example/worker:2.0.1', good: 'services:\n  worker:\n    image: example/worker:2.0.1\n    user: "10001:10001"' },
      { format: 'kubernetes', bad: 'spec:\n  containers:\n    - name: worker\n      image: example/worker:2.0.1', good: 'spec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n  containers:\n    - name: worker\n      image: example/worker:2.0.1' },
    ],
  },
  dockerfile: (model, r) => {
    const u = shippedUser(model);
    if (!u || u.status !== 'unset') return;
    r.report({ span: u.stage.from.span, message: `The shipped stage \`${stageLabel(u.stage)}\` sets no USER, so the image runs as its base image's user, usually root.`, object: stageLabel(u.stage), fixes: [addUserFix(model, u.stage)] });
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads) {
      const pod = o.pod!;
      // An explicit pod-level `runAsNonRoot: false` is reported once, at the pod key (decision 2),
      // unless the pod also runs as root: then `root-user` says it (decision 11).
      if (pod.runAsNonRoot && pod.runAsNonRoot.value !== true && !(pod.runAsUser && isRootUid(pod.runAsUser)))
        r.report({ span: pod.runAsNonRoot.span, message: `${where(o)}: the pod securityContext sets runAsNonRoot: ${String(pod.runAsNonRoot.value)}, so nothing stops its containers from running as root.`, object: o.label, fixes: kfix.setValue(model, o, pod.runAsNonRoot, true, 'Set runAsNonRoot: true') });
      for (const c of o.containers) {
        if (c.runAsUser.value === 0) continue; // explicit root wins (decision 1): `root-user`
        const e = c.runAsNonRoot;
        if (e.value === true) continue;
        if (e.origin === 'container') {
          r.report({ span: e.field!.span, message: `${where(o, c)}: runAsNonRoot is ${e.field!.value === false ? 'false' : 'not true'}, so nothing stops it from running as root.`, object: o.label, container: c.name, fixes: kfix.setValue(model, o, e.field!, true, 'Set runAsNonRoot: true') });
          continue;
        }
        if (e.origin === 'pod') continue; // reported once at the pod key above
        if (o.fragment) continue;
        r.report({ span: c.nameSpan, message: `${where(o, c)}: runAsNonRoot is not set (here or on the pod), so the image's user decides and root is allowed.`, object: o.label, container: c.name, fixes: kfix.podSecurityContext(model, o, 'runAsNonRoot', true, 'Set runAsNonRoot: true on the pod') });
      }
    }
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      if (explicitRootUser(svc) || hasNonRootUser(svc)) continue;
      const link = svc.buildLink;
      if (link && !link.runsAsRoot) continue;
      const fixes = svc.user ? cfx.replaceValue(model, svc.user, '10001:10001', 'Run as uid 10001 (`user: "10001:10001"`)') : cfx.addToService(model, svc, 'user', '10001:10001', 'Run as uid 10001 (`user: "10001:10001"`)');
      const span = svc.user ? svc.user.span : svc.keySpan;
      if (!link) {
        r.report(composeAt(svc, span, `Service ${svc.name} sets no non-root \`user\`, so it runs as whatever user the image chose (often root).`, fixes));
        continue;
      }
      const where = link.userSpan ? `its Dockerfile's shipped stage runs as \`${link.user}\`` : 'its Dockerfile sets no USER, so it runs as the base image\'s user (often root)';
      const related = link.inline ? undefined : [relatedAt(link, link.userSpan ?? link.fromSpan, link.userSpan ? `USER ${link.user}: the image runs as root` : 'No USER in the shipped stage: the image runs as root')];
      r.report({ ...composeAt(svc, span, `Service ${svc.name} sets no non-root \`user\` and ${where}.`, fixes), related });
    }
    r.flush();
  },
});
