// Resources and exposure: the SSH port (22) is exposed, suggesting sshd runs in the container.
import { defineRule } from '../rule';
import { exposesPort } from '../dockerfile/copy';
import { shippedStages, stageObject } from '../dockerfile/model';
import { eachContainer, where } from '../kubernetes/model';

export default defineRule({
  id: 'ssh-port-exposed',
  title: 'SSH port exposed',
  severity: 'info',
  profile: 'R',
  formats: ['dockerfile', 'kubernetes'],
  peers: ['DS-0004', 'ssh-port', 'CKV_DOCKER_1'],
  references: [
    { title: 'CIS Docker Benchmark v1.6.0, 5.7: Ensure sshd is not run within containers', url: 'https://www.cisecurity.org/benchmark/docker' },
    { title: 'Dockerfile reference: EXPOSE', url: 'https://docs.docker.com/reference/dockerfile/#expose' },
    { title: 'Kubernetes: Get a Shell to a Running Container', url: 'https://kubernetes.io/docs/tasks/debug/debug-application/get-shell-running-container/' },
  ],
  docs: {
    what: 'Port 22 is declared: Dockerfile `EXPOSE 22` (also `22/tcp` or as one of several ports) in the shipped stage or a stage it is built from; Kubernetes `containerPort: 22` on any container.',
    why: 'An SSH server in a container is a second, network-facing way in that bypasses `docker exec`/`kubectl exec` and their RBAC and audit trail, and it brings host keys, passwords or authorized keys that must be managed and usually end up baked into the image. `sshd` also needs to start as root and keep `SETUID`, `SETGID` and `SYS_CHROOT` for privilege separation, which prevents dropping capabilities and running as a non-root user.',
    fix: 'Remove the SSH server and the port. Use `kubectl exec`, `kubectl debug` or `docker exec` for interactive access, and `kubectl cp` / volumes for file transfer. There is no quick fix.',
    examples: [
      { format: 'dockerfile', bad: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y openssh-server\nEXPOSE 22 8080', good: 'FROM ubuntu:24.04\nEXPOSE 8080' },
      { format: 'kubernetes', bad: 'containers:\n  - name: app\n    image: example/app:5.1.0\n    ports:\n      - containerPort: 22', good: 'containers:\n  - name: app\n    image: example/app:5.1.0\n    ports:\n      - containerPort: 8080' },
    ],
  },
  dockerfile: (model, r) => {
    const shipped = shippedStages(model);
    for (const p of model.exposes)
      if (shipped.has(p.stage) && exposesPort(p.value, 22))
        r.report({ span: p.span, message: `\`EXPOSE ${p.raw}\` advertises SSH (port 22): an SSH server in a container is an extra way in that bypasses \`docker exec\`/\`kubectl exec\` access control.`, object: stageObject(model, p.stage) });
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      for (const p of c.ports) {
        const f = p.containerPort;
        if (!f || !(f.value === 22 || f.value === '22')) continue;
        r.report({ span: f.span, message: `${where(o, c)}: exposes port 22 (SSH); run shells with kubectl exec or debug containers instead.`, object: o.label, container: c.name });
      }
    });
  },
});
