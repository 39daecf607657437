// Host namespaces and host resources: Compose service shares the host's user, UTS or cgroup namespace.
import { defineRule } from '../rule';
import * as cfx from '../compose/fixes';
import { oncePerSpan, reportHost } from '../compose/support';

export default defineRule({
  id: 'host-namespace',
  title: 'Host user, UTS or cgroup namespace shared',
  severity: 'error',
  profile: 'B',
  formats: ['compose'],
  peers: [],
  fix: { safe: false, description: 'remove' },
  references: [
    { title: 'Compose file reference: services', url: 'https://docs.docker.com/reference/compose-file/services/' },
    { title: 'Docker: Isolate containers with a user namespace', url: 'https://docs.docker.com/engine/security/userns-remap/' },
    { title: 'namespaces(7)', url: 'https://man7.org/linux/man-pages/man7/namespaces.7.html' },
    { title: "CIS Docker Benchmark v1.6.0, 5.31: Ensure that the host's user namespaces are not shared", url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'A Compose service opts out of one of the namespaces Docker would otherwise give it: `userns_mode: host`, `uts: host` or `cgroup: host`. Each setting is one finding. (Network, PID and IPC are covered by `host-network`, `host-pid` and `host-ipc`.)',
    why: "`userns_mode: host` disables the daemon's user-namespace remapping for that container, so uid 0 inside is uid 0 on the host again and every file on a mounted host path is root's to change. `cgroup: host` shows the container the node's whole cgroup hierarchy instead of its own subtree, exposing other containers' ids and limits, and with `CAP_SYS_ADMIN` the hierarchy root, where cgroup v1 escapes such as `release_agent` operate. `uts: host` shares the node's hostname and domain name, which a process with `CAP_SYS_ADMIN` can change for the whole node.",
    fix: "Remove the setting so Docker's defaults (a private namespace of each kind, and remapping if the daemon is configured for it) apply. The quick fix removes it; it is unsafe because tools that rely on host identities (for example a monitoring agent reading host cgroups) will see their own namespace only.",
    examples: [
      { format: 'compose', bad: 'services:\n  agent:\n    image: example/agent:3.2.0\n    userns_mode: host\n    cgroup: host', good: 'services:\n  agent:\n    image: example/agent:3.2.0\n    cgroup: private' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      reportHost(r, svc, svc.usernsMode, 'userns_mode', 'it opts out of user-namespace remapping, so root in the container is root on the host', (s) => cfx.removeSetting(model, s, 'Remove `userns_mode: host`'));
      reportHost(r, svc, svc.uts, 'uts', "it shares the host's hostname and domain name (and can change them)", (s) => cfx.removeSetting(model, s, 'Remove `uts: host`'));
      reportHost(r, svc, svc.cgroup, 'cgroup', "it shares the host's cgroup namespace and sees the host's cgroup tree", (s) => cfx.removeSetting(model, s, 'Remove `cgroup: host`'));
    }
    r.flush();
  },
});
