// Host namespaces and host resources: Compose service maps host devices into the container.
import { defineRule } from '../rule';
import { at as composeAt, oncePerSpan } from '../compose/support';

export default defineRule({
  id: 'host-device',
  title: 'Host device exposed',
  severity: 'warning',
  profile: 'B',
  formats: ['compose'],
  peers: [],
  references: [
    { title: 'Compose file reference: devices', url: 'https://docs.docker.com/reference/compose-file/services/#devices' },
    { title: 'docker run reference: --device', url: 'https://docs.docker.com/reference/cli/docker/container/run/#device' },
    { title: 'CIS Docker Benchmark v1.6.0, 5.18: Ensure that host devices are not directly exposed to containers', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'A Compose service has `devices` entries (`/dev/sda:/dev/xvda:rwm`, CDI names such as `vendor.com/gpu=0`); each entry is one finding.',
    why: "A device node is a direct line into a kernel driver, and the device cgroup entry that Docker creates lets the container use it regardless of what the filesystem would allow. A block device such as `/dev/sda` gives raw read and write access to the host's disks beneath every permission check; character devices like `/dev/mem`, `/dev/kmsg`, `/dev/fuse`, `/dev/kvm` or GPU nodes expose large `ioctl` interfaces of drivers that were not written to face untrusted code.",
    fix: 'Map only the specific device the workload needs, with the narrowest cgroup permissions (`r` or `rw` rather than `rwm`), or use a purpose-built API (a GPU runtime or device plugin). There is no quick fix: whether a device is needed is a design decision.',
    examples: [
      { format: 'compose', bad: 'services:\n  backup:\n    image: example/backup:2.3.1\n    devices:\n      - /dev/sda:/dev/sda', good: 'services:\n  backup:\n    image: example/backup:2.3.1\n    volumes:\n      - backup-data:/data:ro' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      for (const item of svc.devices?.items ?? []) {
        r.report(composeAt(svc, item.span, `Service ${svc.name} is given host device ${item.value.split(':')[0] || item.value}: the container talks to that kernel driver directly.`));
      }
    }
    r.flush();
  },
});
