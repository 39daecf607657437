// The VS Code extension: starts the Harden language server (dist/server.js over IPC), and adds the
// commands, the language status item and the one-off "Lint Workspace" report. No telemetry.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

interface StatusParams {
  uri: string;
  profile: string;
  ms: number;
}

interface WorkspaceReportItem {
  kind: 'full' | 'unchanged';
  uri: string;
  items?: unknown[];
}

const SELECTOR: Array<{ language: string } | { pattern: string }> = [
  { language: 'dockerfile' },
  { language: 'dockercompose' },
  { language: 'yaml' },
  // Files VS Code may not give the dockerfile language (older builds, other extensions' associations).
  { pattern: '**/{Containerfile,Containerfile.*,*.containerfile,Dockerfile,Dockerfile.*,*.dockerfile}' },
];

let client: LanguageClient | undefined;

/**
 * Point a Harden diagnostic's code link at the "Show Rule Documentation" command, so a click in
 * the Problems panel or the hover opens the rule's page in the Markdown preview (VS Code opens
 * links there with commands allowed). Other clients keep the server's plain `file:` link.
 */
function linkToPreview(d: vscode.Diagnostic): vscode.Diagnostic {
  const code = d.code;
  if (d.source !== 'harden' || !code || typeof code !== 'object' || !/^[a-z][a-z0-9-]*$/.test(String(code.value))) return d;
  const args = encodeURIComponent(JSON.stringify([String(code.value)]));
  d.code = { value: code.value, target: vscode.Uri.parse(`command:harden.showRuleDocs?${args}`) };
  return d;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Harden', { log: true });
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    outputChannel: output,
    initializationOptions: { client: 'harden-vscode', docsRoot: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').fsPath },
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.harden.{yaml,yml}'),
        // Compose services read the Dockerfile they build (cross-file findings).
        vscode.workspace.createFileSystemWatcher('**/{Dockerfile,Dockerfile.*,*.dockerfile,Containerfile,Containerfile.*}'),
      ],
    },
    diagnosticPullOptions: { onChange: true, onSave: true },
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(linkToPreview)),
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report && 'items' in report && Array.isArray(report.items)) report.items.forEach(linkToPreview);
        return report;
      },
    },
    markdown: { isTrusted: false, supportHtml: false },
  };
  client = new LanguageClient('harden', 'Harden', serverOptions, clientOptions);
  const c = client;

  // Language status: the profile and how long the last analysis took, per document.
  const status = vscode.languages.createLanguageStatusItem('harden.status', SELECTOR);
  status.name = 'Harden';
  status.text = 'Harden';
  status.command = { title: 'Show Output', command: 'harden.showOutput' };
  const byUri = new Map<string, StatusParams>();
  const showStatus = (): void => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? byUri.get(uri) : undefined;
    status.text = s ? `Harden: ${s.profile}` : 'Harden';
    status.detail = s ? `analysed in ${s.ms} ms` : undefined;
  };
  context.subscriptions.push(
    status,
    c.onNotification('harden/status', (p: StatusParams) => {
      byUri.set(p.uri, p);
      showStatus();
    }),
    vscode.window.onDidChangeActiveTextEditor(showStatus),
    vscode.workspace.onDidCloseTextDocument((d) => byUri.delete(d.uri.toString())),
  );

  // "Lint Workspace": one report for the closed files, even when harden.workspaceDiagnostics is off.
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('harden-workspace');
  context.subscriptions.push(
    workspaceDiagnostics,
    vscode.workspace.onDidOpenTextDocument((d) => workspaceDiagnostics.delete(d.uri)),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('harden.restartServer', async () => {
      await c.restart();
    }),
    vscode.commands.registerCommand('harden.showOutput', () => output.show(true)),
    // Behind the kernel exposure code lens: put the cursor on the container the lens belongs to and
    // open the hover there (the card with what each fix removes).
    vscode.commands.registerCommand('harden.showExposure', async (uri?: unknown, position?: { line?: unknown; character?: unknown }) => {
      let editor = vscode.window.activeTextEditor;
      if (typeof uri === 'string' && editor?.document.uri.toString() !== uri) editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
      if (!editor) return;
      if (position && typeof position.line === 'number' && typeof position.character === 'number') {
        const at = new vscode.Position(position.line, position.character);
        editor.selection = new vscode.Selection(at, at);
        editor.revealRange(new vscode.Range(at, at));
      }
      await vscode.commands.executeCommand('editor.action.showHover');
    }),
    vscode.commands.registerCommand('harden.lintWorkspace', async () => {
      const report = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Harden: linting the workspace', cancellable: true },
        (_progress, token) => c.sendRequest<{ items: WorkspaceReportItem[] }>('harden/lintWorkspace', {}, token),
      );
      workspaceDiagnostics.clear();
      let files = 0;
      let problems = 0;
      for (const item of report?.items ?? []) {
        if (item.kind !== 'full' || !item.items?.length) continue;
        const uri = c.protocol2CodeConverter.asUri(item.uri);
        if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) continue;
        const diagnostics = await c.protocol2CodeConverter.asDiagnostics(item.items as Parameters<typeof c.protocol2CodeConverter.asDiagnostics>[0]);
        workspaceDiagnostics.set(uri, diagnostics.map(linkToPreview));
        files++;
        problems += diagnostics.length;
      }
      void vscode.window.showInformationMessage(problems ? `Harden found ${problems} problem${problems === 1 ? '' : 's'} in ${files} closed file${files === 1 ? '' : 's'}.` : 'Harden found no problems in the closed files of the workspace.');
    }),
    vscode.commands.registerCommand('harden.showRuleDocs', async (rule?: unknown) => {
      const docs = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
      let id = typeof rule === 'string' ? rule : undefined;
      if (!id) {
        let names: string[] = [];
        try {
          names = (await vscode.workspace.fs.readDirectory(docs)).map(([n]) => n).filter((n) => n.endsWith('.md') && n !== 'README.md').map((n) => n.slice(0, -3)).sort();
        } catch {
          names = [];
        }
        id = await vscode.window.showQuickPick(names, { placeHolder: 'Rule' });
        if (!id) return;
      }
      if (!/^[a-z][a-z0-9-]*$/.test(id)) return;
      const uri = vscode.Uri.joinPath(docs, `${id}.md`);
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
      } catch {
        await vscode.commands.executeCommand('vscode.open', uri);
      }
    }),
  );

  await c.start();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
