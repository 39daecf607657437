// Host namespaces and host resources: a container port is bound on the node (hostPort).
import { defineRule } from '../rule';
import { eachContainer, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';

export default defineRule({
  id: 'host-port',
  title: 'Host port bound',
  severity: 'warning',
  profile: 'B',
  formats: ['kubernetes'],
  peers: ['KSV-0024', 'CKV_K8S_26'],
  fix: { safe: false, description: 'remove' },
  references: [
    { title: 'Pod Security Standards: Baseline (HostPorts)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'Kubernetes configuration good practices: Services', url: 'https://kubernetes.io/docs/concepts/configuration/overview/' },
  ],
  docs: {
    what: 'A container port in a Kubernetes pod sets `hostPort` to a value other than `0`. The finding points at the `hostPort` key of that port entry.',
    why: "A host port makes the node itself listen for the container: the network plugin installs NAT rules in the host's netfilter tables that forward the node's IP and port into the pod. The service is then reachable on every address of the node, outside the Service and ingress paths, and often outside network policies, which widens the attack surface to anything that can reach the node. It also pins the pod to nodes where the port is free.",
    fix: "Remove `hostPort` and expose the container through a Service (`ClusterIP`, `NodePort` or `LoadBalancer`) or an ingress. The quick fix removes the key; it is unsafe because clients that connect to the node's address directly will lose the service.",
    examples: [
      { format: 'kubernetes', bad: 'containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n      - containerPort: 80\n        hostPort: 80', good: 'containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n      - containerPort: 80' },
    ],
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      for (const p of c.ports) {
        const f = p.hostPort;
        if (!f || f.value === 0 || f.value === '0' || f.value === null) continue;
        r.report({ span: f.span, message: `${where(o, c)}: hostPort ${String(f.value)} binds a port on the node itself, bypassing network policies and pinning the pod to nodes where the port is free.`, object: o.label, container: c.name, fixes: kfix.removeField(model, o, f, 'Remove hostPort') });
      }
    });
  },
});
