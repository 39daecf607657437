// The Harden language server: a thin adapter from LSP to the engine. Each document version is
// analysed once (cached per uri@version) and that analysis serves diagnostics, code actions and
// hovers. Pull diagnostics when the client supports them, push otherwise (at once when idle,
// one push for a burst of changes).
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeLens,
  type Connection,
  type Diagnostic,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticReport,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type ResultProgressReporter,
  type WorkDoneProgressReporter,
  type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, isRuleId, LineIndex, parseConfig, type Analysis, type AnalyzeInput, type Finding, type HardenConfig } from '../engine';
import { exposureKeyHover } from '../engine/exposure/hover';
import { hoverAt, type HoverResult } from '../engine/hover';
import { parseYamlStream, type YamlStream } from '../engine/yaml/parse';
import { codeActions } from './actions';
import { bundleActions } from './bundles';
import { ExposureCache, exposureLenses, plainText, SHOW_EXPOSURE_SERVER_COMMAND, showExposureArgs } from './exposure';
import type { IdleGc } from './idle-gc';
import { SOURCE, toDiagnostics, toRange } from './convert';
import { candidateFiles, isIgnored, ProjectConfigs, readTextFile, uriToPath, CONFIG_NAMES } from './files';
import { DEFAULT_SETTINGS, effectiveConfig, normaliseSettings, type ServerSettings } from './settings';

/** Sent after each analysis: the language status item in VS Code shows it. */
export const STATUS_NOTIFICATION = 'harden/status';
export interface StatusParams {
  uri: string;
  profile: string;
  ms: number;
}
/** Custom request behind "Harden: Lint Workspace": one workspace report, even when the setting is off. */
export const LINT_WORKSPACE_REQUEST = 'harden/lintWorkspace';
/** Server-side command that shows a rule's documentation (for clients other than our VS Code extension). */
export const SHOW_DOCS_SERVER_COMMAND = 'harden.server.showRuleDocs';
/** The VS Code extension's own command (the extension says so in `initializationOptions.client`). */
export const SHOW_DOCS_CLIENT_COMMAND = 'harden.showRuleDocs';

export interface InitializationOptions {
  /** `harden-vscode` when the client is our extension (it handles `harden.showRuleDocs` itself). */
  client?: string;
  /** Folder holding `docs/rules/<id>.md`; defaults to `docs/rules` next to the bundle's folder. */
  docsRoot?: string;
  /** Settings for clients without `workspace/configuration` (the `harden` section). */
  settings?: unknown;
}

const WORKSPACE_FILE_LIMIT = 20000;
const WORKSPACE_BATCH = 25;

interface DocResult {
  uri: string;
  version: number;
  /** Unique per computation: the pull `resultId`. */
  resultId: string;
  analysis?: Analysis;
  diagnostics: Diagnostic[];
  settings: ServerSettings;
  config: HardenConfig;
  /** Analyse another text of this document with the same configuration. */
  reanalyze: (text: string) => Finding[];
  /** Paths of other files the analysis read (cross-file rules). */
  deps: Set<string>;
  yaml?: YamlStream;
  /** The kernel exposure of the analysed containers (lenses, hovers), computed when first asked. */
  exposure?: ExposureCache;
}

interface CacheEntry {
  version: number;
  promise: Promise<DocResult>;
  deps: Set<string>;
  /** Only the diagnostics are kept (the analysis was dropped to save memory): enough for diagnostics, not for code actions or hovers. */
  light?: boolean;
}

/**
 * The analyses (parsed YAML, models, the incremental analyzer's cache) of the most recently used
 * documents are kept up to this many characters of text in all (25 to 60 bytes of memory per
 * character); the other open documents keep their diagnostics and are analysed again when a code
 * action or hover needs it. The document used last is always kept, whatever its size.
 */
const KEPT_ANALYSIS_CHARS = 1024 * 1024;

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/**
 * A cancelled diagnostic request. `retriggerRequest: true` matters: VS Code's client drops a
 * document's pull for good (no diagnostics until the next edit) when it reads `false`.
 */
function diagnosticsCancelled(): ResponseError<DiagnosticServerCancellationData> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled', { retriggerRequest: true });
}

export class HardenServer {
  readonly documents = new TextDocuments(TextDocument);
  private readonly cache = new Map<string, CacheEntry>();
  private readonly settingsCache = new Map<string, Promise<ServerSettings>>();
  private readonly projects: ProjectConfigs;
  private readonly pushTimers = new Map<string, NodeJS.Timeout>();
  private readonly waiters = new Set<() => void>();
  /** One incremental analyzer per open document: an edit re-checks only the YAML documents it touches. */
  private readonly analyzers = new Map<string, Analyzer>();
  /** Documents whose analysis is kept, least recently used first, with their text length. */
  private readonly kept = new Map<string, number>();
  private keptChars = 0;
  private globalSettings: ServerSettings = { ...DEFAULT_SETTINGS, rules: {} };
  private pull = false;
  private hasConfiguration = false;
  private hasRefresh = false;
  private hasLensRefresh = false;
  private hasShowDocument = false;
  private hasDocumentChanges = false;
  private hasWorkDoneProgress = false;
  private hasFolderEvents = false;
  private ourClient = false;
  private docsRoot = path.resolve(__dirname, '..', 'docs', 'rules');
  private folders: string[] = [];
  private seq = 0;
  /** Bumped whenever workspace diagnostics may have changed (settings, watched files, saves). */
  private workspaceGen = 0;
  /** Bumped whenever settings or project configuration change (part of workspace result ids). */
  private configGen = 0;
  /** Errors and notes already logged per document (said once, not at every keystroke). */
  private readonly loggedNotes = new Set<string>();
  /** Documents closed since the last workspace walk: their next workspace report is a full one (the client dropped the document's own). */
  private readonly closedSinceWalk = new Set<string>();

  constructor(
    private readonly connection: Connection,
    /** Collects garbage once the server is idle after heavy work; every analysis pokes it. */
    private readonly idleGc?: IdleGc,
  ) {
    this.projects = new ProjectConfigs((c) => {
      for (const e of c.errors) this.connection.console.warn(`${c.file}: ${e}`);
    });
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => this.initialized());
    c.onDidChangeConfiguration((p) => this.guard('didChangeConfiguration', () => this.configurationChanged(p.settings)));
    c.onDidChangeWatchedFiles((p) => this.guard('didChangeWatchedFiles', () => this.watchedFilesChanged(p.changes.map((x) => x.uri))));
    this.documents.onDidChangeContent((e) => this.guard('didChange', () => this.contentChanged(e.document)));
    this.documents.onDidSave(() => this.bumpWorkspace());
    this.documents.onDidClose((e) => this.guard('didClose', () => this.closed(e.document.uri)));
    c.languages.diagnostics.on(async (p, token) => this.pullDiagnostics(p.textDocument.uri, p.previousResultId, token));
    c.languages.diagnostics.onWorkspace(async (p, token, workDone, resultProgress) =>
      this.workspaceDiagnostics(new Map(p.previousResultIds.map((r) => [r.uri, r.value])), false, token, workDone, resultProgress),
    );
    c.onRequest(LINT_WORKSPACE_REQUEST, async (_p: unknown, token: CancellationToken) => {
      const progress = this.hasWorkDoneProgress ? await c.window.createWorkDoneProgress() : undefined;
      return this.workspaceDiagnostics(new Map(), true, token, progress);
    });
    c.onCodeAction(async (p, token) => {
      try {
        const doc = this.documents.get(p.textDocument.uri);
        if (!doc) return [];
        const version = doc.version;
        const r = await this.result(doc);
        if (token.isCancellationRequested) return cancelled();
        if (!r.analysis || !r.settings.enable || doc.version !== version) return [];
        const analysis = r.analysis;
        return codeActions(p, {
          doc,
          analysis,
          settings: r.settings,
          reanalyze: r.reanalyze,
          docsCommand: this.ourClient ? SHOW_DOCS_CLIENT_COMMAND : SHOW_DOCS_SERVER_COMMAND,
          documentChanges: this.hasDocumentChanges,
          extra: (range) => bundleActions(analysis, range, { uri: doc.uri, version: doc.version, documentChanges: this.hasDocumentChanges, unsafeFixes: r.settings.unsafeFixes }),
        });
      } catch (e) {
        this.logError('codeAction', e);
        return [];
      }
    });
    c.onHover(async (p, token) => this.hover(p.textDocument.uri, p.position, token));
    c.onCodeLens(async (p, token) => this.codeLenses(p.textDocument.uri, token));
    c.onExecuteCommand(async (p, token) => {
      if (p.command === SHOW_EXPOSURE_SERVER_COMMAND) return this.showExposure(p.arguments, token);
      if (p.command !== SHOW_DOCS_SERVER_COMMAND) return null;
      const rule = p.arguments?.[0];
      if (typeof rule !== 'string' || !isRuleId(rule)) return null;
      const uri = this.docsHref(rule);
      if (uri && this.hasShowDocument) await c.window.showDocument({ uri, takeFocus: true });
      return null;
    });
    this.documents.listen(c);
    c.listen();
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle and configuration

  private initialize(p: InitializeParams): InitializeResult {
    const caps = p.capabilities;
    this.pull = !!caps.textDocument?.diagnostic;
    this.hasConfiguration = !!caps.workspace?.configuration;
    this.hasRefresh = !!caps.workspace?.diagnostics?.refreshSupport;
    this.hasLensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
    this.hasShowDocument = !!caps.window?.showDocument?.support;
    this.hasDocumentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    this.hasWorkDoneProgress = !!caps.window?.workDoneProgress;
    this.hasFolderEvents = !!caps.workspace?.workspaceFolders;
    const opts = (p.initializationOptions ?? {}) as InitializationOptions;
    this.ourClient = opts.client === 'harden-vscode';
    if (typeof opts.docsRoot === 'string' && opts.docsRoot) this.docsRoot = opts.docsRoot;
    if (opts.settings !== undefined) this.globalSettings = normaliseSettings(opts.settings);
    this.folders = (p.workspaceFolders ?? []).map((f) => f.uri);
    if (this.folders.length === 0 && p.rootUri) this.folders = [p.rootUri];
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.harden`], resolveProvider: false },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [SHOW_DOCS_SERVER_COMMAND, SHOW_EXPOSURE_SERVER_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'harden', version: '0.1.0' },
    };
    if (this.pull) result.capabilities.diagnosticProvider = { identifier: 'harden', interFileDependencies: true, workspaceDiagnostics: true };
    return result;
  }

  private initialized(): void {
    const c = this.connection;
    if (this.hasConfiguration) void c.client.register(DidChangeConfigurationNotification.type, { section: 'harden' }).catch(() => undefined);
    if (this.hasFolderEvents)
      c.workspace.onDidChangeWorkspaceFolders((e) => {
        this.folders = this.folders.filter((f) => !e.removed.some((r) => r.uri === f)).concat(e.added.map((a) => a.uri));
        this.bumpWorkspace();
      });
  }

  private configurationChanged(settings: unknown): void {
    this.settingsCache.clear();
    if (!this.hasConfiguration && settings && typeof settings === 'object') {
      const section = (settings as Record<string, unknown>).harden;
      if (section !== undefined) this.globalSettings = normaliseSettings(section);
    }
    this.invalidateAll();
  }

  private watchedFilesChanged(uris: string[]): void {
    let all = false;
    const paths = new Set<string>();
    for (const u of uris) {
      const p = uriToPath(u);
      if (!p) continue;
      if (CONFIG_NAMES.includes(path.basename(p))) all = true;
      paths.add(p);
    }
    if (all) {
      this.projects.clear();
      this.invalidateAll();
      return;
    }
    this.invalidateDependents(paths);
    this.bumpWorkspace();
  }

  /** Forget every analysis and have the client fetch diagnostics again. */
  private invalidateAll(): void {
    this.configGen++;
    this.cache.clear();
    this.bumpWorkspace();
    this.refreshDiagnostics(this.documents.all().map((d) => d.uri));
  }

  /** Forget the analyses that read one of these files (cross-file rules). */
  private invalidateDependents(paths: Set<string>): void {
    const stale: string[] = [];
    for (const [uri, e] of this.cache) if ([...e.deps].some((d) => paths.has(d))) stale.push(uri);
    for (const uri of stale) this.cache.delete(uri);
    if (stale.length) this.refreshDiagnostics(stale);
  }

  private refreshDiagnostics(uris: string[]): void {
    // Lenses follow the analyses (settings, project configuration, files a Compose service builds).
    if (this.hasLensRefresh) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    if (this.pull) {
      if (this.hasRefresh) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
      return;
    }
    for (const uri of uris) {
      const d = this.documents.get(uri);
      if (d) this.schedulePush(d, 0);
    }
  }

  private bumpWorkspace(): void {
    this.workspaceGen++;
    for (const w of [...this.waiters]) w();
  }

  /** didOpen and didChange both end here (TextDocuments reports an open as a content change). */
  private contentChanged(doc: TextDocument): void {
    // Leading edge: a change is pushed as soon as the messages already received are handled;
    // changes that arrive before that push runs ride along with it (it reads the latest version).
    if (!this.pushTimers.has(doc.uri)) this.schedulePush(doc, 0);
    const p = uriToPath(doc.uri);
    if (p) this.invalidateDependents(new Set([p]));
  }

  private analyzerFor(uri: string): Analyzer {
    let a = this.analyzers.get(uri);
    if (!a) this.analyzers.set(uri, (a = new Analyzer()));
    return a;
  }

  private closed(uri: string): void {
    this.cache.delete(uri);
    this.analyzers.delete(uri);
    this.forget(uri);
    this.settingsCache.delete(uri);
    for (const k of [...this.loggedNotes]) if (k.startsWith(`${uri}\n`)) this.loggedNotes.delete(k);
    const t = this.pushTimers.get(uri);
    if (t) clearTimeout(t);
    this.pushTimers.delete(uri);
    if (!this.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.closedSinceWalk.add(uri);
    this.bumpWorkspace();
  }

  private settingsFor(uri: string): Promise<ServerSettings> {
    if (!this.hasConfiguration) return Promise.resolve(this.globalSettings);
    let s = this.settingsCache.get(uri);
    if (!s) {
      s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'harden' }).then(
        (raw) => normaliseSettings(raw),
        (e) => {
          this.logError('workspace/configuration', e);
          return { ...DEFAULT_SETTINGS, rules: {} };
        },
      );
      this.settingsCache.set(uri, s);
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  // Analysis

  docsHref(rule: string): string | undefined {
    if (!isRuleId(rule)) return undefined;
    return pathToFileURL(path.join(this.docsRoot, `${rule}.md`)).toString();
  }

  /**
   * The analysis of a document's current version (computed once per uri@version). With
   * `diagnosticsOnly`, a result whose analysis was dropped to save memory will do.
   */
  result(doc: TextDocument, diagnosticsOnly = false): Promise<DocResult> {
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version && (diagnosticsOnly || !cached.light)) {
      if (!cached.light) this.keep(doc.uri, doc.getText().length);
      return cached.promise;
    }
    const text = doc.getText();
    const version = doc.version;
    const deps = new Set<string>();
    const promise = this.settingsFor(doc.uri).then((settings) => this.compute(doc.uri, doc.languageId, text, version, settings, deps));
    this.cache.set(doc.uri, { version, promise, deps });
    this.keep(doc.uri, text.length);
    return promise;
  }

  /** Mark a document's analysis as just used; drop the analyses used longest ago beyond the budget. */
  private keep(uri: string, chars: number): void {
    this.keptChars -= this.kept.get(uri) ?? 0;
    this.kept.delete(uri);
    this.kept.set(uri, chars);
    this.keptChars += chars;
    for (const [old, n] of this.kept) {
      if (this.keptChars <= KEPT_ANALYSIS_CHARS || old === uri) break;
      this.kept.delete(old);
      this.keptChars -= n;
      this.lighten(old);
    }
  }

  /** Drop a document's analysis and analyzer; keep its diagnostics (and their result id). */
  private lighten(uri: string): void {
    this.analyzers.delete(uri);
    const e = this.cache.get(uri);
    if (!e || e.light) return;
    e.light = true;
    e.promise = e.promise.then((r) => ({ ...r, analysis: undefined, reanalyze: () => [], yaml: undefined, exposure: undefined }));
  }

  private forget(uri: string): void {
    this.keptChars -= this.kept.get(uri) ?? 0;
    this.kept.delete(uri);
  }

  /** Analyse one text. Never throws: an engine failure is logged and yields no diagnostics. */
  compute(uri: string, languageId: string | undefined, text: string, version: number | null, settings: ServerSettings, deps: Set<string>): DocResult {
    const fsPath = uriToPath(uri);
    const project = fsPath ? this.projects.find(path.dirname(fsPath)) : undefined;
    const config = effectiveConfig(settings, project?.config);
    const base: DocResult = { uri, version: version ?? -1, resultId: `r${++this.seq}`, diagnostics: [], settings, config, reanalyze: () => [], deps };
    if (!settings.enable || (fsPath && isIgnored(project, fsPath))) return base;
    const limit = config.maxFileSize ?? settings.maxFileSize;
    const size = Buffer.byteLength(text, 'utf8');
    if (size > limit) {
      const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
      const message = `Harden skipped this file: it is ${mb(size)}, over the ${mb(limit)} limit (setting harden.maxFileSize or maxFileSize in .harden.yaml).`;
      this.connection.console.info(`${uri}: ${message}`);
      base.diagnostics = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, message, data: { version, fixes: [] } }];
      return base;
    }
    if (version !== null && CONFIG_NAMES.includes(path.basename(fsPath ?? uri))) {
      base.diagnostics = configDiagnostics(text, version);
      return base;
    }
    const file = fsPath ?? uri;
    const input: AnalyzeInput = {
      file,
      text,
      languageId,
      config,
      readFile: (p) => {
        deps.add(p);
        const open = this.documents.get(pathToFileURL(p).toString());
        return open ? open.getText() : readTextFile(p, limit);
      },
      resolve: fsPath ? (rel) => path.resolve(path.dirname(fsPath), rel) : undefined,
    };
    const analyzer = version !== null && this.documents.get(uri) && this.kept.has(uri) ? this.analyzerFor(uri) : new Analyzer();
    const run = (t: string, a: Analyzer): Analysis | undefined => {
      try {
        return a.analyze({ ...input, text: t });
      } catch (e) {
        this.logError(`analysis of ${uri}`, e);
        return undefined;
      }
    };
    const t0 = performance.now();
    const analysis = run(text, analyzer);
    const ms = Math.round((performance.now() - t0) * 10) / 10;
    this.idleGc?.poke();
    if (!analysis) return base;
    // Said once per document (not at every keystroke): internal errors of a rule, then notes such as a skipped Helm template.
    for (const [list, log] of [[analysis.errors, (m: string) => this.connection.console.error(m)], [analysis.notes, (m: string) => this.connection.console.info(m)]] as const) {
      for (const m of list) {
        const key = `${uri}\n${m}`;
        if (this.loggedNotes.has(key)) continue;
        if (version !== null) this.loggedNotes.add(key);
        log(`${uri}: ${m}`);
      }
    }
    base.analysis = analysis;
    base.exposure = new ExposureCache(analysis, input);
    // Fix-all passes reuse the document's analyzer: only the YAML documents a fix touched are checked
    // again (and only those are checked again at the next keystroke).
    base.reanalyze = (t) => run(t, analyzer)?.findings ?? [];
    try {
      base.diagnostics = toDiagnostics(analysis.findings, analysis.lines, version, (r) => this.docsHref(r));
    } catch (e) {
      this.logError(`diagnostics of ${uri}`, e);
    }
    if (version !== null && analysis.kind !== 'unknown') void this.connection.sendNotification(STATUS_NOTIFICATION, { uri, profile: config.profile ?? settings.profile, ms } satisfies StatusParams);
    return base;
  }

  // ---------------------------------------------------------------------------------------------
  // Diagnostics

  private schedulePush(doc: TextDocument, delay: number): void {
    if (this.pull) return;
    const uri = doc.uri;
    const old = this.pushTimers.get(uri);
    if (old) clearTimeout(old);
    this.pushTimers.set(
      uri,
      setTimeout(() => {
        this.pushTimers.delete(uri);
        const current = this.documents.get(uri);
        if (!current) return;
        const version = current.version;
        this.result(current, true).then(
          (r) => {
            if (this.documents.get(uri)?.version !== version) return; // a newer version will be pushed
            void this.connection.sendDiagnostics({ uri, version, diagnostics: r.diagnostics });
          },
          (e) => this.logError('push diagnostics', e),
        );
      }, delay),
    );
  }

  private async pullDiagnostics(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> {
    const doc = this.documents.get(uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const version = doc.version;
    try {
      const r = await this.result(doc, true);
      if (token.isCancellationRequested) return diagnosticsCancelled();
      if (this.documents.get(uri)?.version !== version) return new ResponseError(LSPErrorCodes.ServerCancelled, 'document changed', { retriggerRequest: true });
      if (previousResultId && previousResultId === r.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: r.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: r.resultId, items: r.diagnostics };
    } catch (e) {
      this.logError('textDocument/diagnostic', e);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
  }

  /** Resolves when workspace diagnostics may have changed, or the request is cancelled. */
  private waitForChange(token: CancellationToken): Promise<void> {
    // A request cancelled before it was dispatched gets a token whose event never fires: check first.
    if (token.isCancellationRequested) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.waiters.delete(done);
        sub.dispose();
        resolve();
      };
      const sub = token.onCancellationRequested(done);
      this.waiters.add(done);
    });
  }

  private lastWorkspaceGen = -1;

  /**
   * Diagnostics for the closed files of the workspace. With the setting off (and not forced) the
   * request waits until something changes and answers nothing. Reports stream as partial results.
   */
  async workspaceDiagnostics(
    previous: Map<string, string>,
    force: boolean,
    token: CancellationToken,
    workDone?: WorkDoneProgressReporter,
    resultProgress?: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult>,
  ): Promise<WorkspaceDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> {
    try {
      if (!force) {
        // Long poll: answer only once something may have changed since the last full walk.
        const enabled = await this.workspaceEnabled();
        if (!enabled || this.lastWorkspaceGen === this.workspaceGen) {
          await this.waitForChange(token);
          if (token.isCancellationRequested) return diagnosticsCancelled();
          if (!(await this.workspaceEnabled())) return { items: [] };
        }
        this.lastWorkspaceGen = this.workspaceGen;
      }
      const roots = this.folders.map((f) => ({ uri: f, path: uriToPath(f) })).filter((f): f is { uri: string; path: string } => !!f.path);
      workDone?.begin('Harden: linting the workspace', 0, undefined, true);
      const all: WorkspaceDocumentDiagnosticReport[] = [];
      let batch: WorkspaceDocumentDiagnosticReport[] = [];
      const flush = (): void => {
        if (!batch.length) return;
        if (resultProgress) resultProgress.report({ items: batch });
        else all.push(...batch);
        batch = [];
      };
      let n = 0;
      for (const root of roots) {
        const settings = await this.settingsFor(root.uri);
        for await (const file of candidateFiles(root.path, WORKSPACE_FILE_LIMIT)) {
          if (token.isCancellationRequested) {
            workDone?.done();
            return diagnosticsCancelled();
          }
          const uri = pathToFileURL(file).toString();
          if (this.documents.get(uri)) continue; // open documents are reported by document pulls
          n++;
          if (n % 50 === 0) workDone?.report(`${n} files`);
          const report = this.workspaceFileReport(file, uri, settings, previous.get(uri));
          if (report) batch.push(report);
          if (batch.length >= WORKSPACE_BATCH) flush();
          await new Promise((r) => setImmediate(r)); // let cancellations and other requests through
        }
      }
      flush();
      workDone?.done();
      return { items: all };
    } catch (e) {
      this.logError('workspace/diagnostic', e);
      return new ResponseError(ErrorCodes.InternalError, 'workspace diagnostics failed', { retriggerRequest: false });
    }
  }

  private async workspaceEnabled(): Promise<boolean> {
    if (this.folders.length === 0) return false;
    for (const f of this.folders) if ((await this.settingsFor(f)).workspaceDiagnostics) return true;
    return false;
  }

  private workspaceFileReport(file: string, uri: string, settings: ServerSettings, previousId: string | undefined): WorkspaceDocumentDiagnosticReport | undefined {
    const project = this.projects.find(path.dirname(file));
    const limit = effectiveConfig(settings, project?.config).maxFileSize ?? settings.maxFileSize;
    const text = readTextFile(file, limit);
    if (text === undefined) return undefined;
    const resultId = `w${this.configGen}:${text.length}:${hash(text)}`;
    const reopened = this.closedSinceWalk.delete(uri);
    if (previousId === resultId && !reopened) return { kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId };
    const r = this.compute(uri, undefined, text, null, settings, new Set());
    if (r.analysis?.kind === 'unknown' && previousId === undefined) return undefined;
    if (r.diagnostics.length === 0 && previousId === undefined) return undefined;
    return { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: r.diagnostics };
  }

  // ---------------------------------------------------------------------------------------------
  // Hover

  private async hover(uri: string, position: { line: number; character: number }, token: CancellationToken): Promise<Hover | null | ResponseError<void>> {
    try {
      const doc = this.documents.get(uri);
      if (!doc) return null;
      const version = doc.version;
      const r = await this.result(doc);
      if (token.isCancellationRequested) return cancelled();
      if (!r.settings.enable || doc.version !== version || !r.analysis) return null;
      const a = r.analysis;
      if (a.kind !== 'dockerfile' && a.kind !== 'compose' && a.kind !== 'kubernetes') return null;
      const offset = a.lines.offset(position);
      let yaml: YamlStream | undefined;
      let yamlBase = 0;
      if (a.kind === 'compose' || a.kind === 'kubernetes') {
        // The parsed YAML document chunk under the cursor (each part's model keeps its stream);
        // the whole text is parsed (once per version) only when no part has one.
        const part = [...(a.parts ?? [])].reverse().find((p) => p.offset <= offset);
        const stream = (part?.model as { stream?: YamlStream } | undefined)?.stream;
        if (part && stream) {
          yaml = stream;
          yamlBase = part.offset;
        } else yaml = r.yaml ??= parseYamlStream(a.lines.text);
      }
      const parts: HoverResult[] = [];
      // On a container's lens line (its `name:` entry, service key, final FROM): the exposure card,
      // with what each fix removes (one analysis per fix, so computed here only, then cached).
      const target = r.exposure?.at(offset);
      if (r.exposure && target) {
        const deltas = await r.exposure.deltasOf(target, () => token.isCancellationRequested);
        if (!deltas || token.isCancellationRequested) return cancelled();
        if (doc.version !== version) return null;
        parts.push({ markdown: r.exposure.card(target, deltas), span: target.span });
      }
      const h = hoverAt({ kind: a.kind, text: a.lines.text, offset, yaml, yamlBase, findings: a.findings, docsUri: (rule) => this.docsHref(rule) });
      if (h) parts.push(h);
      const key = r.exposure && exposureKeyHover({ analysis: a, exposures: r.exposure.exposures(), offset, yaml, yamlBase });
      if (key) parts.push(key);
      if (!parts.length) return null;
      const span = parts[0].span;
      return { contents: { kind: 'markdown', value: parts.map((x) => x.markdown).join('\n\n---\n\n') }, range: toRange(a.lines, span.start, span.end) };
    } catch (e) {
      this.logError('hover', e);
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Kernel exposure: code lenses and the server-side lens command

  private async codeLenses(uri: string, token: CancellationToken): Promise<CodeLens[] | ResponseError<void>> {
    try {
      const doc = this.documents.get(uri);
      if (!doc) return [];
      const version = doc.version;
      const r = await this.result(doc);
      if (token.isCancellationRequested || doc.version !== version) return cancelled();
      if (!r.settings.enable || !r.settings.exposureCodeLens || !r.analysis || !r.exposure) return [];
      return exposureLenses(uri, r.analysis, r.exposure.exposures(), this.ourClient);
    } catch (e) {
      this.logError('codeLens', e);
      return [];
    }
  }

  /** For clients other than our extension: the lens's card as a message (plain text). */
  private async showExposure(args: unknown[] | undefined, token: CancellationToken): Promise<null> {
    try {
      const at = showExposureArgs(args);
      const doc = at && this.documents.get(at.uri);
      if (!at || !doc) return null;
      const r = await this.result(doc);
      if (!r.analysis || !r.exposure || token.isCancellationRequested) return null;
      const target = r.exposure.at(r.analysis.lines.offset(at.position));
      const deltas = target && (await r.exposure.deltasOf(target, () => token.isCancellationRequested));
      if (!target || !deltas) return null;
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: plainText(r.exposure.card(target, deltas)) });
    } catch (e) {
      this.logError('showExposure', e);
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------

  private guard(what: string, f: () => void): void {
    try {
      f();
    } catch (e) {
      this.logError(what, e);
    }
  }

  private logError(what: string, e: unknown): void {
    this.connection.console.error(`${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

/** Problems in an open `.harden.yaml` (unknown keys and rules, bad values), at the word they name when it can be found. */
function configDiagnostics(text: string, version: number): Diagnostic[] {
  const { errors } = parseConfig(text, isRuleId);
  const lines = new LineIndex(text);
  return errors.map((message) => {
    const named = /"([^"]+)"/.exec(message)?.[1] ?? /^(\w+) must/.exec(message)?.[1];
    const at = named ? keyOffset(lines, named) : -1;
    const start = at < 0 ? 0 : at;
    const end = at < 0 ? lines.lineEnd(0) : start + named!.length;
    return { range: toRange(lines, start, end), severity: DiagnosticSeverity.Warning, source: SOURCE, message: `.harden.yaml: ${message}`, data: { version, fixes: [] } };
  });
}

/** Offset of the first `key:` written as a mapping key (line start, or after `{` / `,`), or -1. */
function keyOffset(lines: LineIndex, key: string): number {
  for (let l = 0; l < lines.lineCount; l++) {
    const t = lines.lineText(l);
    for (let i = t.indexOf(key); i >= 0; i = t.indexOf(key, i + 1)) {
      const before = t.slice(0, i).trimEnd();
      const after = t.slice(i + key.length).trimStart();
      if ((before === '' || before.endsWith('{') || before.endsWith(',')) && after.startsWith(':')) return lines.lineStart(l) + i;
    }
  }
  return -1;
}

/** A fast non-cryptographic hash (FNV-1a) for workspace result ids. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

