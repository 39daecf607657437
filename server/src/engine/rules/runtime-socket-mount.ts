// Host namespaces and host resources: a container runtime socket (Docker, containerd, CRI-O, Podman) is mounted.
import { defineRule } from '../rule';
import { where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import { isRuntimeSocket, normaliseHostPath } from '../hostpaths';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan, mountIsRuntimeSocket, shown } from '../compose/support';

export default defineRule({
  id: 'runtime-socket-mount',
  title: 'Container runtime socket mounted',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0006', 'docker-sock', 'CKV_K8S_27'],
  fix: { safe: false, description: 'remove the volume and its mount' },
  references: [
    { title: 'CIS Docker Benchmark v1.6.0, 5.32: Ensure that the Docker socket is not mounted inside any containers', url: 'https://www.cisecurity.org/benchmark/docker' },
    { title: 'Docker Engine security: Docker daemon attack surface', url: 'https://docs.docker.com/engine/security/#docker-daemon-attack-surface' },
    { title: 'Compose file reference: services', url: 'https://docs.docker.com/reference/compose-file/services/' },
    { title: 'Pod Security Standards: Baseline (HostPath Volumes)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
  ],
  docs: {
    what: 'The API socket of a container runtime, or the directory that holds it, is mounted into the container: `docker.sock`, `containerd.sock`, `crio.sock` or `podman.sock` (by file name, wherever it lives) and their usual parent directories such as `/var/run`, `/run`, `/run/containerd` or `/var/run/crio`. Kubernetes: a `hostPath` `path`; Compose: a bind-mount source (also through a named volume that binds a host `device`), `:ro` or not, or `use_api_socket: true`.',
    why: "The runtime daemon runs as root on the host and its API can start any container. Whoever can connect to the socket can ask for a privileged container with the host's `/` mounted and host namespaces, which is root on the node: no kernel exploit is needed, and no seccomp, capability or LSM setting of the original container matters. A read-only mount does not help: `connect()` on a Unix socket is not blocked by `:ro`, only replacing the socket file is.",
    fix: 'Remove the mount. Give tools the narrow API they need instead: the Kubernetes API with RBAC, a socket proxy that only allows read-only endpoints, a rootless or per-job daemon (Docker-in-Docker in a VM, rootless BuildKit, kaniko for builds). The quick fix removes the volume and its mount; it is unsafe because CI agents, dashboards and log collectors that use the socket will stop working.',
    examples: [
      { format: 'compose', bad: 'services:\n  ci-agent:\n    image: example/ci-agent:4.0.0\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro', good: 'services:\n  ci-agent:\n    image: example/ci-agent:4.0.0\n    environment:\n      DOCKER_HOST: tcp://docker-proxy:2375' },
      { format: 'kubernetes', bad: 'containers:\n  - name: agent\n    image: example/ci-agent:4.0.0\n    volumeMounts:\n      - name: sock\n        mountPath: /run/containerd/containerd.sock\nvolumes:\n  - name: sock\n    hostPath:\n      path: /run/containerd/containerd.sock', good: 'containers:\n  - name: agent\n    image: example/ci-agent:4.0.0\nserviceAccountName: ci-agent' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      for (const m of svc.mounts) {
        if (!mountIsRuntimeSocket(m)) continue;
        const via = m.viaVolume ? ` through volume ${m.viaVolume}` : '';
        const ro = m.readOnly ? ' (`:ro` does not help: the API still accepts every request)' : '';
        r.report(composeAt(svc, m.span, `Service ${svc.name} mounts the container runtime socket ${shown(m.source)}${via}${ro}: whoever talks to it controls the host.`, m.viaVolume ? undefined : cfx.removeMount(model, svc, m, 'Remove this socket mount')));
      }
      const api = svc.useApiSocket;
      if (api?.value) r.report(composeAt(svc, api.span, `Service ${svc.name} sets \`use_api_socket: true\`: the Docker API socket is mounted into the container.`, cfx.removeSetting(model, api, 'Remove `use_api_socket: true`')));
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads)
      for (const v of o.pod!.volumes) {
        const f = v.hostPathPath;
        if (!f || typeof f.value !== 'string' || !f.value.trim().startsWith('/') || !isRuntimeSocket(f.value)) continue;
        r.report({ span: f.span, message: `${where(o)}: volume ${v.name ?? '(unnamed)'} mounts the container runtime socket (${normaliseHostPath(f.value)}): whoever talks to it controls every container on the node, read-only or not.`, object: o.label, fixes: kfix.removeVolume(model, o, v) });
      }
  },
});
