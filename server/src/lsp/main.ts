// Entry point of the Harden language server (bundled to dist/server.js). Transport from the command
// line: `--stdio`, `--node-ipc` or `--socket=<port>` (vscode-languageserver reads them).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { consoleToClient, resyncFrames } from './framing';
import { lifecycleStrategy, NOT_INITIALIZED_METHOD, notInitialized } from './lifecycle';
import { IdleGc } from './idle-gc';
import { HardenServer } from './server';

// On stdio, read through a filter that re-synchronises after a message with a wrong Content-Length
// (vscode-jsonrpc alone would stop understanding every later message).
const stdio = process.argv.includes('--stdio');
// Requests before `initialize` get ServerNotInitialized; notifications before it are dropped.
// Every message also pushes back the idle-time garbage collection (idle-gc.ts).
const idleGc = new IdleGc();
const options = { messageStrategy: lifecycleStrategy(() => idleGc.poke()) };
const connection = stdio ? createConnection(ProposedFeatures.all, resyncFrames(process.stdin), process.stdout, options) : createConnection(ProposedFeatures.all, options);
connection.onRequest(NOT_INITIALIZED_METHOD, () => notInitialized());
if (stdio) consoleToClient(connection.console);
// A bug in one request must not take the server down: log it and keep serving.
process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
new HardenServer(connection, idleGc).listen();
