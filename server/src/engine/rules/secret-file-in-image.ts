// Secrets: COPY/ADD of .env, id_rsa*, *.pem, *.key, .npmrc, .pypirc, .aws/, .ssh/, .git-credentials, credentials*.json
import { defineRule } from '../rule';
import { shippedStages, stageObject } from '../dockerfile/model';
import { secretFileKind } from '../secrets';

export default defineRule({
  id: 'secret-file-in-image',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile'],
  peers: [],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
  dockerfile: (model, r) => {
    const shipped = shippedStages(model);
    for (const c of model.copies) {
      if (!shipped.has(c.stage)) continue; // files copied into a builder stage do not reach the image
      for (const src of c.sources) {
        if (src.value.startsWith('<<')) continue;
        const kind = secretFileKind(src.value);
        if (kind) r.report({ span: src.span, message: `\`${c.kind} ${src.value}\` puts a ${kind} into the image layers, where anyone who can pull the image can read it (deleting it later does not remove it).`, object: stageObject(model, c.stage) });
      }
    }
  },
});
