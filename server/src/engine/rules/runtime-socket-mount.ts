// Host namespaces and host resources: a Docker/containerd/CRI-O/Podman socket (or its parent directory) is mounted, :ro or not; Compose use_api_socket: true
import { defineRule } from '../rule';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan, mountIsRuntimeSocket, shown } from '../compose/support';

export default defineRule({
  id: 'runtime-socket-mount',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0006', 'docker-sock', 'CKV_K8S_27'],
  fix: { safe: false, description: 'remove the volume and its mount' },
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
});
