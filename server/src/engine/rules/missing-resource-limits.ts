// Resources and exposure: no memory limit (and, for Compose, no PIDs limit).
import { defineRule } from '../rule';
import { eachContainer, where } from '../kubernetes/model';
import { at as composeAt, oncePerSpan } from '../compose/support';

export default defineRule({
  id: 'missing-resource-limits',
  title: 'Memory or PIDs limit missing',
  severity: 'info',
  profile: 'S',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0018', 'CKV_K8S_13', 'unset-memory-requirements'],
  references: [
    { title: 'Kubernetes: Resource Management for Pods and Containers', url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
    { title: 'Compose file reference: services (mem_limit, pids_limit, deploy)', url: 'https://docs.docker.com/reference/compose-file/services/' },
    { title: 'CIS Docker Benchmark v1.6.0, 5.11: Ensure that the memory usage for containers is limited', url: 'https://www.cisecurity.org/benchmark/docker' },
    { title: 'CIS Docker Benchmark v1.6.0, 5.29: Ensure that the PIDs cgroup limit is used', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'Kubernetes: a container (init containers included, ephemeral containers exempt) has no `resources.limits.memory`. Compose: a service has no memory limit (`mem_limit` or `deploy.resources.limits.memory`) or no PIDs limit (`pids_limit` or `deploy.resources.limits.pids`); a service missing both gets one finding.',
    why: "Containers share the host kernel's memory and process table, and cgroup limits are what divide them. Without a memory limit a leak or a deliberate allocation pushes the whole node into memory pressure, where the kernel OOM killer or kubelet eviction may take down other workloads and node daemons instead of the offender. Without a PIDs limit a fork bomb can use up the kernel's global PID space, after which no process on the host, including the runtime and sshd, can start another.",
    fix: "Kubernetes: set `resources.limits.memory` (and matching requests) per container, for example `memory: 512Mi`; PIDs are limited per pod by the kubelet's `podPidsLimit`. Compose: `mem_limit: 512m` and `pids_limit: 256`, or `deploy.resources.limits` with `memory` and `pids`. There is no quick fix: the right numbers depend on the workload.",
    examples: [
      { format: 'compose', bad: 'services:\n  worker:\n    image: example/worker:2.0.1', good: 'services:\n  worker:\n    image: example/worker:2.0.1\n    mem_limit: 512m\n    pids_limit: 256' },
      { format: 'kubernetes', bad: 'containers:\n  - name: worker\n    image: example/worker:2.0.1', good: 'containers:\n  - name: worker\n    image: example/worker:2.0.1\n    resources:\n      requests:\n        memory: 256Mi\n      limits:\n        memory: 512Mi' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    const limited = (v: string | undefined): boolean => v !== undefined && !v.includes('\u0000') && !/^\s*(-\d+|0+)\s*$/.test(v) && v.trim() !== '';
    for (const svc of model.services) {
      const mem = svc.memLimit ? limited(svc.memLimit.value) || svc.memLimit.unresolved : false;
      const pids = svc.pidsLimit ? limited(svc.pidsLimit.value) || svc.pidsLimit.unresolved : false;
      if (mem && pids) continue;
      const missing = [!mem ? 'a memory limit (`mem_limit` or `deploy.resources.limits.memory`)' : '', !pids ? 'a PIDs limit (`pids_limit`)' : ''].filter(Boolean).join(' and ');
      r.report(composeAt(svc, svc.keySpan, `Service ${svc.name} has no ${missing}: one runaway or hostile container can exhaust the host.`));
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      if (c.type === 'ephemeralContainer' || o.fragment || c.limitsMemory) return; // the API forbids resources on ephemeral containers (decision 6)
      r.report({ span: c.nameSpan, message: `${where(o, c)}: no resources.limits.memory, so it can exhaust the node's memory.`, object: o.label, container: c.name });
    });
  },
});
