// Privilege and capabilities: privileged containers and privileged build steps.
import { defineRule } from '../rule';
import { stageObject } from '../dockerfile/model';
import { eachContainer, isTrue, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan } from '../compose/support';

export default defineRule({
  id: 'privileged',
  title: 'Container runs privileged',
  severity: 'error',
  profile: 'B',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['KSV-0017', 'privileged-container', 'CKV_K8S_16'],
  fix: { safe: false, description: 'remove / set false' },
  references: [
    { title: 'Pod Security Standards: Baseline (Privileged Containers)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'Docker: runtime privilege and Linux capabilities', url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities' },
    { title: 'Dockerfile reference: RUN --security', url: 'https://docs.docker.com/reference/dockerfile/#run---security' },
    { title: 'CIS Docker Benchmark v1.6.0, 5.5: Ensure that privileged containers are not used', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'A container or build step runs in privileged mode. Kubernetes: `privileged: true` in a container `securityContext` (init and ephemeral containers included; under the pod `securityContext` it is `misplaced-security-field` instead). Compose: `privileged: true` on a service, or `build.privileged: true`. Dockerfile: `RUN --security=insecure`, which runs that build step privileged when the builder allows the `security.insecure` entitlement.',
    why: "Privileged mode switches off nearly every isolation layer at once: the process gets all capabilities (including `CAP_SYS_ADMIN` and `CAP_SYS_MODULE`), no seccomp filter, no AppArmor or SELinux confinement, every host device under `/dev`, and writable `/sys` and `/proc/sys`. Only the namespaces remain, and they no longer hold: root in the container can `mount` the host's disk, load a kernel module, write `/proc/sys/kernel/core_pattern` or a cgroup v1 `release_agent` to get code run by the host kernel outside the container. A privileged container should be treated as root on the node.",
    fix: 'Remove the setting (or set it to `false`) and grant only what the workload really needs: a specific device (`devices:` in Compose), one capability in `capabilities.add` / `cap_add`, or a dedicated node agent with a narrow role. For a build step, do the work without `--security=insecure`. The quick fix removes the flag; it is unsafe because software that relies on the extra devices or capabilities (Docker-in-Docker, FUSE, network tools) will stop working.',
    examples: [
      { format: 'dockerfile', bad: '# syntax=docker/dockerfile:1-labs\nFROM debian:bookworm-slim\nRUN --security=insecure mount -t tmpfs none /mnt && ./build.sh', good: 'FROM debian:bookworm-slim\nRUN ./build.sh' },
      { format: 'compose', bad: 'services:\n  agent:\n    image: example/agent:3.2.0\n    privileged: true', good: 'services:\n  agent:\n    image: example/agent:3.2.0\n    cap_drop: [ALL]' },
      { format: 'kubernetes', bad: 'containers:\n  - name: agent\n    image: example/agent:3.2.0\n    securityContext:\n      privileged: true', good: 'containers:\n  - name: agent\n    image: example/agent:3.2.0\n    securityContext:\n      privileged: false\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop: ["ALL"]' },
    ],
  },
  dockerfile: (model, r) => {
    for (const run of model.runs)
      for (const f of run.instruction.flags)
        if (f.name.toLowerCase() === 'security' && f.value === 'insecure')
          r.report({ span: f.span, message: '`RUN --security=insecure` runs this build step without the container sandbox (all capabilities, no seccomp/AppArmor), like a privileged container.', object: stageObject(model, run.stage) });
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      const p = svc.privileged;
      if (p?.value) r.report(composeAt(svc, p.span, `Service ${svc.name} runs privileged: every capability, every host device and no seccomp or AppArmor confinement.`, cfx.removeSetting(model, p, 'Remove `privileged: true`')));
      const bp = svc.build?.privileged;
      if (bp?.value) r.report(composeAt(svc, bp.span, `Service ${svc.name} builds with \`build.privileged: true\`: build steps run with full host privileges.`, cfx.removeSetting(model, bp, 'Remove `privileged: true` from build')));
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      if (!isTrue(c.privileged)) return;
      r.report({
        span: c.privileged!.span,
        message: `${where(o, c)}: runs privileged (every capability, all host devices, no seccomp or AppArmor confinement).`,
        object: o.label,
        container: c.name,
        fixes: kfix.setValue(model, o, c.privileged!, false, 'Set privileged: false'),
      });
    });
  },
});
