// Filesystem and volumes: a volume type outside configMap csi downwardAPI emptyDir ephemeral image persistentVolumeClaim projected secret (hostPath excluded: see host-path-volume)
import { defineRule } from '../rule';

export default defineRule({
  id: 'restricted-volume-type',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['kubernetes'],
  peers: ['KSV-0028'],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
