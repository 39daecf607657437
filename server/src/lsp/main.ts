// Entry point of the Harden language server (bundled to dist/server.js). Transport from the command
// line: `--stdio`, `--node-ipc` or `--socket=<port>` (vscode-languageserver reads them).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { HardenServer } from './server';

const connection = createConnection(ProposedFeatures.all);
new HardenServer(connection).listen();
