// Host namespaces and host resources: K hostNetwork: true; C network_mode: host, build.network: host; D RUN --network=host
import { defineRule } from '../rule';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan, isHost, reportHost } from '../compose/support';

export default defineRule({
  id: 'host-network',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['KSV-0009', 'host-network', 'CKV_K8S_19'],
  fix: { safe: false, description: 'remove' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
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
});
