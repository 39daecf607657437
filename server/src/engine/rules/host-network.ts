// Host namespaces and host resources: the container or a build step uses the host's network namespace.
import { defineRule } from '../rule';
import { stageObject } from '../dockerfile/model';
import { isTrue, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan, isHost, reportHost } from '../compose/support';

export default defineRule({
  id: 'host-network',
  title: 'Host network namespace shared',
  severity: 'error',
  profile: 'B',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['KSV-0009', 'host-network', 'CKV_K8S_19'],
  fix: { safe: false, description: 'remove' },
  references: [
    { title: 'Pod Security Standards: Baseline (Host Namespaces)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'Compose file reference: network_mode', url: 'https://docs.docker.com/reference/compose-file/services/#network_mode' },
    { title: 'Dockerfile reference: RUN --network', url: 'https://docs.docker.com/reference/dockerfile/#run---network' },
    { title: "CIS Docker Benchmark v1.6.0, 5.10: Ensure that the host's network namespace is not shared", url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: "The container shares the node's network namespace. Kubernetes: `hostNetwork: true` in the pod spec. Compose: `network_mode: host` on a service, or `build.network: host` for its build. Dockerfile: `RUN --network=host`, which runs that build step in the host's network namespace (when the builder grants the `network.host` entitlement).",
    why: "The network namespace is what gives a container its own interfaces, routes, firewall rules and loopback. Sharing the host's lets the process listen on and sniff the node's interfaces (with `NET_RAW`), talk to services bound only to the node's 127.0.0.1 (kubelet and runtime debug ports, local databases, node agents) and reach abstract Unix sockets, which are per network namespace: CVE-2020-15257 turned exactly that into root on the host through the containerd-shim API. Network policies that filter pod traffic usually do not apply to host-network pods either.",
    fix: "Remove the setting and publish ports instead: a Service or `containerPort` in Kubernetes, `ports:` in Compose. For a build step, fetch what it needs through the normal build network or a build secret. The quick fix removes it; it is unsafe because software that expects to see the node's interfaces or to bind host ports directly will behave differently.",
    examples: [
      { format: 'dockerfile', bad: 'FROM golang:1.23\nRUN --network=host go mod download', good: 'FROM golang:1.23\nRUN go mod download' },
      { format: 'compose', bad: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host', good: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"' },
      { format: 'kubernetes', bad: 'spec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx:1.27', good: 'spec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80' },
    ],
  },
  dockerfile: (model, r) => {
    for (const run of model.runs)
      for (const f of run.instruction.flags)
        if (f.name.toLowerCase() === 'network' && f.value === 'host')
          r.report({ span: f.span, message: "`RUN --network=host` gives this build step the host's network namespace: it can reach services bound to the host's localhost and sniff or bind host interfaces.", object: stageObject(model, run.stage) });
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      reportHost(r, svc, svc.networkMode, 'network_mode', "it shares the host's network stack (every host interface and localhost service)", (s) => cfx.removeSetting(model, s, 'Remove `network_mode: host`'));
      const n = svc.build?.network;
      if (isHost(n)) r.report(composeAt(svc, n.span, `Service ${svc.name} builds with \`build.network: host\`: build steps reach the host's network and localhost services.`, cfx.removeSetting(model, n, 'Remove `network: host` from build')));
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads) {
      const f = o.pod!.hostNetwork;
      if (!isTrue(f)) continue;
      r.report({ span: f!.span, message: `${where(o)}: shares the node's network namespace (hostNetwork: true): it sees every host interface and can reach services bound to localhost.`, object: o.label, fixes: kfix.removeField(model, o, f!, 'Remove hostNetwork') });
    }
  },
});
