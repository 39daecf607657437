// Privilege and capabilities: a capability outside the Pod Security baseline set is added.
import { defineRule } from '../rule';
import { setcapGrants, shellCommands } from '../dockerfile/commands';
import { stageObject } from '../dockerfile/model';
import { eachContainer, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import { BASELINE_CAPABILITIES, normaliseCapability } from '../capabilities';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan } from '../compose/support';
import { isBaselineCapability } from '../capabilities';

export default defineRule({
  id: 'dangerous-capability',
  title: 'Dangerous capability added',
  severity: 'error',
  profile: 'B',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['KSV-0005', 'KSV-0022', 'CKV_K8S_39', 'CKV_K8S_25'],
  fix: { safe: false, description: 'remove that entry' },
  references: [
    { title: 'Pod Security Standards: Baseline (Capabilities)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'capabilities(7)', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
    { title: 'Docker: runtime privilege and Linux capabilities', url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities' },
    { title: 'CIS Docker Benchmark v1.6.0, 5.4: Ensure that Linux kernel capabilities are restricted within containers', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'A capability is added that the Pod Security baseline does not allow, that is anything other than `AUDIT_WRITE`, `CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `FSETID`, `KILL`, `MKNOD`, `NET_BIND_SERVICE`, `SETFCAP`, `SETGID`, `SETPCAP`, `SETUID` and `SYS_CHROOT`: for example `ALL`, `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, `NET_RAW`, `BPF`, `DAC_READ_SEARCH`. Compose and Dockerfile names are compared without a `CAP_` prefix and case-insensitively; in Kubernetes, as in Pod Security Admission, names are compared exactly, so a baseline capability spelt differently (`CAP_CHOWN`, `chown`) is reported here too, with a respelling fix next to the removal. Kubernetes: an entry of `capabilities.add`; Compose: an entry of `cap_add`; Dockerfile: a `setcap` in a `RUN` that grants such a capability to a file. Each entry is one finding.',
    why: 'Capabilities are the pieces of root the kernel checks before privileged operations, and these ones open large parts of it. `SYS_ADMIN` allows `mount`, `unshare` and many more (the cgroup `release_agent` escape, CVE-2022-0492, needs it); `SYS_MODULE` loads kernel code; `SYS_PTRACE` lets the process attach to and inject into other processes; `DAC_READ_SEARCH` enables `open_by_handle_at`, used by the "Shocker" exploit to read host files; `NET_ADMIN` and `NET_RAW` expose netfilter and packet sockets, where bugs such as CVE-2021-22555 and CVE-2020-14386 gave container-to-host escapes; `BPF` feeds programs to the eBPF verifier. Each one turns a contained compromise into a shot at the host kernel.',
    fix: 'Remove the entry and design around it: use a narrower capability that the baseline allows, move the privileged part to a separate, tightly scoped component, or use a purpose-built alternative (for example `ping` through the `net.ipv4.ping_group_range` sysctl instead of `NET_RAW`). The quick fix deletes the entry; it is unsafe because the program may need the capability to work.',
    examples: [
      { format: 'dockerfile', bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y libcap2-bin \\\n && setcap cap_sys_admin+ep /usr/local/bin/tool', good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y libcap2-bin \\\n && setcap cap_net_bind_service+ep /usr/local/bin/tool' },
      { format: 'compose', bad: 'services:\n  vpn:\n    image: example/vpn:1.0.3\n    cap_add:\n      - SYS_ADMIN\n      - NET_ADMIN', good: 'services:\n  vpn:\n    image: example/vpn:1.0.3\n    cap_drop: [ALL]\n    cap_add:\n      - NET_BIND_SERVICE' },
      { format: 'kubernetes', bad: 'securityContext:\n  capabilities:\n    add: ["SYS_ADMIN", "NET_RAW"]', good: 'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]' },
    ],
  },
  dockerfile: (model, r) => {
    for (const { run, cmd } of shellCommands(model))
      for (const g of setcapGrants(cmd))
        r.report({ span: g.span, message: `\`setcap\` grants ${g.caps.map((c) => `CAP_${c}`).join(', ')} to a file in the image: whoever runs that binary gets ${g.caps.length > 1 ? 'these capabilities' : 'this capability'}, outside the Pod Security baseline set.`, object: stageObject(model, run.stage) });
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      for (const item of svc.capAdd?.items ?? []) {
        if (item.unresolved || !item.value.trim() || isBaselineCapability(item.value)) continue;
        const name = normaliseCapability(item.value);
        r.report(composeAt(svc, item.span, `Service ${svc.name} adds capability ${name}${name === 'ALL' ? ' (every capability)' : ''}, outside the Pod Security baseline set.`, cfx.removeItem(model, svc.capAdd, item, `Remove ${name} from \`cap_add\``)));
      }
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      c.capAddItems.forEach((it) => {
        const raw = it.value;
        if (raw === undefined || BASELINE_CAPABILITIES.has(raw)) return;
        const canon = normaliseCapability(raw);
        // Pod Security Admission compares the names exactly: `chown` or `CAP_CHOWN` is not on the
        // baseline list even though the kernel capability is.
        const spellingOnly = BASELINE_CAPABILITIES.has(canon);
        const message = spellingOnly
          ? `${where(o, c)}: adds capability ${JSON.stringify(raw)}, which Pod Security baseline rejects as written (it compares exact names; write ${canon}).`
          : `${where(o, c)}: adds capability ${canon === 'ALL' ? 'ALL (every capability)' : canon}, outside the Pod Security baseline set.`;
        const fixes = [...(spellingOnly ? kfix.respell(model, o, it, canon) : []), ...kfix.removeCapability(model, o, c, it)];
        r.report({ span: it.span, message, object: o.label, container: c.name, fixes });
      });
    });
  },
});
