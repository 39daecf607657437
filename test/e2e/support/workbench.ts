// code-server (VS Code 1.100 server + web workbench) driven in Debian's Chromium with playwright-core.
// Every step waits on what the page shows, with a deadline; nothing sleeps blindly.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, codeServerEntry, freePort, resultsDir, startGroup, waitFor, type Group } from './env';

export interface CodeServerOptions {
  /** Scratch folder for user data, extensions, XDG dirs and the browser profile. */
  scratch: string;
  /** The workspace folder to open. */
  folder: string;
  vsix: string;
  /** User settings (User/settings.json). */
  settings: Record<string, unknown>;
}

/** The few DOM properties read in the page (the test project compiles without the DOM lib). */
interface BrowserElement {
  innerText: string;
  offsetParent: unknown;
}

export interface CodeLensView {
  title: string;
  /** The command's tooltip (the link's title attribute). */
  tooltip: string;
}

export interface Problem {
  file: string;
  severity: string;
  message: string;
  source: string;
  code: string;
  /** 1-based, as the panel shows it. */
  line: number;
  column: number;
}

export class Workbench {
  private shot = 0;

  private constructor(
    readonly page: Page,
    private readonly browser: BrowserContext,
    private readonly server: Group,
    readonly url: string,
    /** The user settings file (VS Code watches it: writing it changes the settings live). */
    readonly settingsFile: string,
  ) {}

  /** Install the .vsix, start code-server on a free port, open the folder in Chromium. */
  static async start(o: CodeServerOptions): Promise<Workbench> {
    const dirs = {
      userData: path.join(o.scratch, 'user-data'),
      extensions: path.join(o.scratch, 'extensions'),
      xdgConfig: path.join(o.scratch, 'xdg-config'),
      xdgData: path.join(o.scratch, 'xdg-data'),
      browser: path.join(o.scratch, 'chromium'),
    };
    for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
    fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
    fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(o.settings, null, 2));

    const env = { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData };
    const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--disable-telemetry', '--disable-update-check'];

    const install = startGroup(process.execPath, [codeServerEntry, ...common, '--install-extension', o.vsix], { env });
    await install.waitForOutput(/successfully installed|already installed/i, 60_000).catch((e) => {
      throw new Error(`installing ${o.vsix} failed: ${String(e)}\n${install.output()}`);
    });
    await install.stop();

    const port = await freePort();
    const server = startGroup(process.execPath, [
      codeServerEntry, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
      '--disable-workspace-trust', '--disable-getting-started-override', o.folder,
    ], { env });
    try {
      await server.waitForOutput(/HTTP server listening on/, 30_000);
      // A fresh Chromium profile in the scratch folder (playwright passes it as --user-data-dir).
      const browser = await chromium.launchPersistentContext(dirs.browser, {
        executablePath: chromiumPath,
        headless: true,
        viewport: { width: 1400, height: 900 },
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
          '--disable-component-update', '--disable-sync'],
      });
      const page = browser.pages()[0] ?? (await browser.newPage());
      const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(o.folder)}`;
      const wb = new Workbench(page, browser, server, url, path.join(dirs.userData, 'User', 'settings.json'));
      await page.goto(url);
      await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 30_000 });
      await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 30_000 });
      return wb;
    } catch (e) {
      await server.stop();
      throw new Error(`${String(e)}\ncode-server output:\n${server.output().slice(-3000)}`);
    }
  }

  /**
   * Set a boolean setting the way a user does: the Settings editor (Ctrl+,), search for its id,
   * click its checkbox; resolves once VS Code has written it to the user settings file. (Writing
   * the file from outside was not picked up in this code-server install, not even for
   * `editor.codeLens`: the cause was not pinned down.)
   * The Settings editor stays open; open a file to go back to it. VS Code may drop a setting set
   * back to its default from the file: `defaultValue` says what that means.
   */
  async setBooleanSetting(id: string, value: boolean, defaultValue: boolean): Promise<void> {
    await this.escape();
    await this.page.keyboard.press('Control+Comma');
    await this.page.waitForSelector('.settings-editor', { timeout: 10_000 });
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(id);
    const box = await waitFor(`the ${id} checkbox`, 10_000, async () => {
      const rows = await this.page.$$('.settings-editor .setting-item-bool .setting-value-checkbox');
      return rows.length === 1 ? rows[0] : undefined;
    });
    if ((await box.getAttribute('aria-checked')) !== String(value)) await box.click();
    await waitFor(`${id}: ${value} in the user settings`, 10_000, () => {
      const current = JSON.parse(fs.readFileSync(this.settingsFile, 'utf8')) as Record<string, unknown>;
      return (current[id] ?? defaultValue) === value ? true : undefined;
    });
  }

  /** code-server's log so far (extension host and language server messages land here too). */
  serverOutput(): string {
    return this.server.output();
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
  }

  /** Save a numbered screenshot under test-results/e2e/. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${String(++this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Ctrl+P, type the absolute path, pick the match; resolves when its tab is active and the editor focused. */
  async openFile(abs: string): Promise<void> {
    const name = path.basename(abs);
    await this.escape();
    await this.page.keyboard.press('Control+P');
    const input = await this.page.waitForSelector('.quick-input-widget input', { timeout: 10_000 });
    await input.fill(abs);
    // The list re-renders while results arrive (recently opened files first): a row found can be
    // replaced before the click lands, so find and click again until a click succeeds.
    await waitFor(`${name} in Quick Open`, 10_000, async () => {
      const row = await this.page.$(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`);
      if (!row) return undefined;
      try {
        await row.click({ timeout: 2_000 });
        return true;
      } catch {
        return undefined;
      }
    }, 100);
    await this.page.waitForSelector(`.tab.active[data-resource-name="${name}"], .tab.active[aria-label^="${name}"]`, { timeout: 10_000 });
    await this.page.waitForSelector('.editor-instance .monaco-editor.focused', { timeout: 10_000 });
  }

  /** Close widgets (quick input, hovers, menus). */
  async escape(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Escape');
  }

  /** Ctrl+G to a 1-based line and column in the active editor. */
  async gotoLine(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = await this.page.waitForSelector('.quick-input-widget input', { timeout: 10_000 });
    await input.fill(`:${line}:${column}`); // the Go to Line box starts with ':'; fill replaces it
    await this.page.keyboard.press('Enter');
    await waitFor(`cursor at ${line}:${column}`, 10_000, async () => {
      const text = await this.page.textContent('.statusbar-item[id="status.editor.selection"]').catch(() => null);
      return text?.includes(`Ln ${line}, Col ${column}`) ? true : undefined;
    });
  }

  /** Open the Problems panel (focus stays in the panel until `focusEditor`). */
  async showProblems(): Promise<void> {
    if (!(await this.page.$('.markers-panel'))?.isVisible()) await this.page.keyboard.press('Control+Shift+M');
    await this.page.waitForSelector('.markers-panel', { timeout: 10_000 });
  }

  /**
   * Every row of the Problems panel. The list is virtualised: scroll it from the top and collect
   * rows by their index until the end. Marker rows belong to the file row above them.
   */
  async problems(): Promise<Problem[]> {
    await this.showProblems();
    const list = await this.page.$('.markers-panel .monaco-list');
    if (!list) return [];
    const rows = new Map<number, { kind: 'file' | 'marker'; file?: string; p?: Omit<Problem, 'file'> }>();
    const box = await list.boundingBox();
    if (box) {
      // Monaco lists scroll in JS, not with scrollTop: use the wheel, first back to the top.
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await this.page.mouse.wheel(0, -1e6);
      await this.nextFrame();
    }
    for (let pass = 0; pass < 200; pass++) {
      const seen = await this.page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => ({
        index: Number(e.getAttribute('data-index')),
        file: e.querySelector('.monaco-icon-label')?.getAttribute('aria-label') ?? undefined,
        marker: !!e.querySelector('.marker-message'),
        severity: e.querySelector('.marker-icon')?.className.replace('marker-icon', '').trim() ?? '',
        message: e.querySelector('.marker-message')?.textContent ?? '',
        source: e.querySelector('.marker-source')?.textContent ?? '',
        code: e.querySelector('.marker-code')?.textContent ?? '',
        where: e.querySelector('.marker-line')?.textContent ?? '',
      })));
      const before = rows.size;
      for (const s of seen) {
        if (s.marker) {
          const m = /Ln (\d+), Col (\d+)/.exec(s.where);
          rows.set(s.index, { kind: 'marker', p: { severity: s.severity, message: s.message, source: s.source, code: s.code, line: Number(m?.[1] ?? 0), column: Number(m?.[2] ?? 0) } });
        } else if (s.file) {
          rows.set(s.index, { kind: 'file', file: s.file });
        }
      }
      if (!box || (pass > 0 && rows.size === before)) break;
      await this.page.mouse.wheel(0, Math.max(100, box.height - 40));
      await this.nextFrame();
    }
    if (box) await this.page.mouse.move(0, 0); // no row tooltip left over the screenshots
    const out: Problem[] = [];
    let file = '';
    for (const [, r] of [...rows.entries()].sort((a, b) => a[0] - b[0])) {
      if (r.kind === 'file') file = r.file!;
      else out.push({ file, ...r.p! });
    }
    return out;
  }

  private async nextFrame(): Promise<void> {
    // Runs in the page: two animation frames, so the list has rendered after a scroll.
    await this.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))');
  }

  /** Poll the Problems panel until `accept` holds for the rows of `file`, or throw with what it showed. */
  async waitForProblems(file: string, what: string, accept: (rows: Problem[]) => boolean, ms = 30_000): Promise<Problem[]> {
    let last: Problem[] = [];
    try {
      return await waitFor(`${what} in ${file}`, ms, async () => {
        last = (await this.problems()).filter((p) => p.file === file);
        return accept(last) ? last : undefined;
      }, 300);
    } catch (e) {
      throw new Error(`${String(e)}\nProblems for ${file}: ${JSON.stringify(last, null, 1)}\ncode-server:\n${this.serverOutput().slice(-2000)}`);
    }
  }

  /** Ctrl+1 back to the editor group. */
  async focusEditor(): Promise<void> {
    await this.page.keyboard.press('Control+1');
    await this.page.waitForSelector('.editor-instance .monaco-editor.focused', { timeout: 10_000 });
  }

  /**
   * Ctrl+K Ctrl+I at the cursor in the editor; returns the hover's text once it matches `expect`.
   * The chord goes to whatever has focus, and a busy workbench can take focus back (a panel, a
   * notification) between the cursor move and the keys, and a tooltip under the mouse can hide the
   * hover: so the mouse is moved away and the editor focused first, and when no
   * matching hover shows within a few seconds the hover is closed and asked for again.
   */
  async hover(expect: RegExp, attempts = 3): Promise<string> {
    let seen = '';
    for (let i = 1; ; i++) {
      // The mouse rests where the last click left it (a tab, a list row): its own tooltip there
      // can hide a keyboard hover, so it goes to empty title-bar space first.
      await this.page.mouse.move(200, 12);
      await this.focusEditor();
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      try {
        return await this.waitForHover(expect, i < attempts ? 6_000 : 15_000);
      } catch (e) {
        seen = `${await this.visibleHoverText()} (focus: ${await this.focusedElement()})`;
        if (i >= attempts) throw new Error(`${(e as Error).message}; after ${attempts} tries the hover showed: ${JSON.stringify(seen)}`);
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** The text of the visible hover once it matches `expect`. */
  async waitForHover(expect: RegExp, ms = 15_000): Promise<string> {
    return waitFor(`a hover matching ${expect}`, ms, async () => {
      const all = await this.visibleHoverText();
      return expect.test(all) ? all : undefined;
    });
  }

  /** The text of every hover widget shown in an editor (empty when none is). */
  private async visibleHoverText(): Promise<string> {
    const texts = await this.page.$$eval('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content', (els) =>
      els.map((e) => e as unknown as BrowserElement).filter((e) => e.offsetParent !== null).map((e) => e.innerText));
    return texts.join('\n');
  }

  /** A short description of the focused element, for failure messages. */
  private async focusedElement(): Promise<string> {
    return this.page.evaluate(() => {
      const d = (globalThis as unknown as { document: { activeElement: { tagName: string; className: string } | null } }).document;
      const el = d.activeElement;
      return el ? `${el.tagName.toLowerCase()}.${String(el.className).split(/\s+/).slice(0, 3).join('.')}` : 'none';
    }).catch(() => 'unknown');
  }

  /** The code lenses of the active editor that are rendered (those near the visible lines): title and tooltip. */
  async codeLenses(): Promise<CodeLensView[]> {
    return this.page.$$eval('.editor-instance .monaco-editor .codelens-decoration a', (els) =>
      els.map((e) => ({ title: (e.textContent ?? '').trim(), tooltip: e.getAttribute('title') ?? '' })));
  }

  /** Poll the rendered code lenses until `accept` holds for them. */
  async waitForCodeLenses(what: string, accept: (lenses: CodeLensView[]) => boolean, ms = 30_000): Promise<CodeLensView[]> {
    let last: CodeLensView[] = [];
    try {
      return await waitFor(what, ms, async () => {
        last = await this.codeLenses();
        return accept(last) ? last : undefined;
      }, 250);
    } catch (e) {
      throw new Error(`${String(e)}
Code lenses shown: ${JSON.stringify(last, null, 1)}
code-server:
${this.serverOutput().slice(-2000)}`);
    }
  }

  /** Click the code lens with exactly this title. */
  async clickCodeLens(title: string): Promise<void> {
    const links = await this.page.$$('.editor-instance .monaco-editor .codelens-decoration a');
    for (const a of links) {
      if (((await a.textContent()) ?? '').trim() === title) {
        await a.click();
        return;
      }
    }
    throw new Error(`no code lens titled ${JSON.stringify(title)}`);
  }

  /** Ctrl+. at the cursor; returns the titles of the offered actions. */
  async openQuickFixes(expect: RegExp, attempts = 3): Promise<string[]> {
    // As for hovers: the keys can reach something else than the editor on a busy workbench, so
    // the menu is asked for again (editor focused) when it has not shown after a few seconds.
    let titles: string[] = [];
    for (let i = 1; ; i++) {
      if (i > 1) await this.focusEditor();
      await this.page.keyboard.press('Control+.');
      try {
        return await waitFor(`a quick fix matching ${expect}`, i < attempts ? 6_000 : 15_000, async () => {
          titles = await this.page.$$eval('.action-widget .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') ?? (e as unknown as BrowserElement).innerText));
          return titles.some((t) => expect.test(t)) ? titles : undefined;
        });
      } catch (e) {
        if (i >= attempts) throw new Error(`${(e as Error).message}; after ${attempts} tries the menu showed: ${JSON.stringify(titles)}`);
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /**
   * Pick the quick fix with exactly this title from the open action widget, with the keyboard (a
   * pointer-blocking overlay covers the widget while it is open, so clicks do not reach it).
   */
  async pickQuickFix(title: string): Promise<void> {
    const focused = async (): Promise<string | undefined> => {
      const row = await this.page.$('.action-widget .monaco-list-row.focused');
      return row ? ((await row.getAttribute('aria-label')) ?? (await row.innerText())).trim() : undefined;
    };
    const count = (await this.page.$$('.action-widget .monaco-list-row')).length;
    for (let i = 0; i <= count; i++) {
      if ((await focused()) === title) {
        await this.page.keyboard.press('Enter');
        await this.page.waitForSelector('.action-widget', { state: 'hidden', timeout: 10_000 });
        return;
      }
      const before = await focused();
      await this.page.keyboard.press('ArrowDown');
      await waitFor('the next quick fix row', 5_000, async () => ((await focused()) !== before ? true : undefined), 50);
    }
    throw new Error(`no quick fix titled ${JSON.stringify(title)}`);
  }

  /**
   * Ctrl+S, then wait until the file on disk satisfies `accept`. A save that has not reached the
   * disk after a few seconds (the keys went to a closing widget, the file is unchanged there) is
   * asked for again, with the editor focused; once the file has changed on disk it is not.
   */
  async saveAndWait(abs: string, what: string, accept: (text: string) => boolean, ms = 15_000): Promise<string> {
    const before = fs.readFileSync(abs, 'utf8');
    await this.page.keyboard.press('Control+S');
    let pressed = Date.now();
    let presses = 1;
    let last = '';
    try {
      return await waitFor(what, ms, async () => {
        last = fs.readFileSync(abs, 'utf8');
        if (accept(last)) return last;
        if (last === before && presses < 3 && Date.now() - pressed > 4_000) {
          await this.focusEditor();
          await this.page.keyboard.press('Control+S');
          pressed = Date.now();
          presses++;
        }
        return undefined;
      });
    } catch (e) {
      throw new Error(`${String(e)} (Ctrl+S pressed ${presses} times)\n${abs} on disk:\n${last}\ncode-server:\n${this.serverOutput().slice(-2000)}`);
    }
  }
}
