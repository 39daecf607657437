// Identity: the container runs with, or its volumes are given, the root group (gid 0).
import { defineRule } from '../rule';

export default defineRule({
  id: 'root-group',
  title: 'Container runs with the root group',
  severity: 'warning',
  profile: 'R',
  formats: ['compose', 'kubernetes'],
  peers: [],
  fix: { safe: false, description: 'use `10001`' },
  references: [
    { title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
    { title: 'Compose file reference: user', url: 'https://docs.docker.com/reference/compose-file/services/#user' },
    { title: 'credentials(7)', url: 'https://man7.org/linux/man-pages/man7/credentials.7.html' },
  ],
  docs: {
    what: 'The container\'s group is root. Kubernetes: `runAsGroup: 0` (pod or container), `fsGroup: 0`, or `0` in `supplementalGroups`. Compose: a `user` whose group part is `0` (`"10001:0"`). A non-root uid with the root group still matches this rule; a root uid is reported by `root-user`.',
    why: 'Group 0 is not a capability, but the kernel grants it every permission that files give to group root. Images and host paths are full of root-group files and directories that are group readable or writable (`/etc`, log directories, device nodes, files on `hostPath` mounts), and a process with gid 0 can read or change them without any privilege escalation. `fsGroup: 0` additionally makes the kubelet chown every volume to group 0, so the data becomes reachable by anything else that runs with the root group.',
    fix: 'Use a dedicated non-zero group: Kubernetes `runAsGroup: 10001` / `fsGroup: 10001` and no `0` in `supplementalGroups`; Compose `user: "10001:10001"`. Images built for arbitrary uids (OpenShift style) often make directories group-0 writable; give them a dedicated group instead. The quick fix replaces the `0` with `10001`; it is unsafe because files the process must read or write may only be accessible to group 0 today.',
    examples: [
      { format: 'compose', bad: 'services:\n  api:\n    image: example/api:1.4.2\n    user: "10001:0"', good: 'services:\n  api:\n    image: example/api:1.4.2\n    user: "10001:10001"' },
      { format: 'kubernetes', bad: 'spec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 0\n    fsGroup: 0', good: 'spec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 10001\n    fsGroup: 10001' },
    ],
  },
});
