/**
 * The Ui that SpreadsheetApp.getUi() returns: menus, alert/prompt dialogs and HTML sidebars/dialogs.
 * Nobody clicks here, so a test queues the answers (`queueResponse`); without one, a dialog answers with
 * the first button of its set (OK for OK / OK_CANCEL, YES for YES_NO / YES_NO_CANCEL) and an empty text.
 * Every dialog shown is recorded in `log`; the menus added to the UI are kept as a plain tree in `menus`
 * (a later addToUi() of a menu with the same caption replaces it, as Sheets re-renders the menu bar).
 * Inside a trigger execution there is no one to show anything to: every showing method throws
 * "Cannot call Ui.<method>() from this context." (the real getUi() refusal reads
 * "Cannot call SpreadsheetApp.getUi() from this context.").
 */
import { type Env, GasException } from './core';
import { type EnumValue, makeEnum } from './enums';
import { htmlSurface } from './html';

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; caption: string; items: MenuEntry[] };

export interface MenuTree {
  caption: string;
  items: MenuEntry[];
}

export type ButtonName = 'CLOSE' | 'OK' | 'CANCEL' | 'YES' | 'NO';
export type ButtonSetName = 'OK' | 'OK_CANCEL' | 'YES_NO' | 'YES_NO_CANCEL';

export type DialogRecord =
  | {
      kind: 'alert' | 'prompt';
      title: string;
      message: string;
      buttons: ButtonSetName;
      button: ButtonName;
      text?: string;
      at: Date;
    }
  | {
      kind: 'sidebar' | 'modal' | 'modeless';
      title: string;
      content: string;
      width: number | null;
      height: number | null;
      at: Date;
    };

export interface QueuedResponse {
  button?: ButtonName;
  text?: string;
}

export interface EmuMenu {
  addItem(caption: string, functionName: string): EmuMenu;
  addSeparator(): EmuMenu;
  addSubMenu(menu: EmuMenu): EmuMenu;
  addToUi(): void;
}

export interface EmuPromptResponse {
  getResponseText(): string;
  getSelectedButton(): EnumValue<ButtonName>;
}

/** What ui.show* accepts: an HtmlOutput (or anything with getContent). */
interface HtmlLike {
  getContent(): string;
  getTitle?(): string;
  getWidth?(): number | null;
  getHeight?(): number | null;
}

const SET_BUTTONS: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export function createUi(env: Env) {
  const log: DialogRecord[] = [];
  const menus: MenuTree[] = [];
  const queue: QueuedResponse[] = [];
  const trees = new WeakMap<object, MenuTree>();

  const Button = makeEnum(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const);
  const ButtonSet = makeEnum(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const);

  const guard = (method: string) => {
    env.counters.call(`Ui.${method}`);
    if (env.execution.kind === 'trigger') throw new GasException(`Cannot call Ui.${method}() from this context.`);
  };

  const makeMenu = (caption: string): EmuMenu => {
    const tree: MenuTree = { caption: String(caption), items: [] };
    const menu: EmuMenu = {
      addItem(itemCaption, functionName) {
        env.counters.call('Menu.addItem');
        tree.items.push({ kind: 'item', caption: String(itemCaption), functionName: String(functionName) });
        return menu;
      },
      addSeparator() {
        env.counters.call('Menu.addSeparator');
        tree.items.push({ kind: 'separator' });
        return menu;
      },
      addSubMenu(sub) {
        env.counters.call('Menu.addSubMenu');
        const t = trees.get(sub);
        if (!t) throw new GasException('Invalid argument: menu');
        tree.items.push({ kind: 'submenu', caption: t.caption, items: t.items });
        return menu;
      },
      addToUi() {
        env.counters.call('Menu.addToUi');
        const snapshot = JSON.parse(JSON.stringify(tree)) as MenuTree;
        const i = menus.findIndex((m) => m.caption === snapshot.caption);
        if (i >= 0) menus[i] = snapshot;
        else menus.push(snapshot);
      },
    };
    trees.set(menu, tree);
    return menu;
  };

  /** Normalizes the (prompt) | (prompt, buttons) | (title, prompt, buttons) overloads. */
  const dialogArgs = (a: unknown, b: unknown, c: unknown) => {
    if (c !== undefined) return { title: String(a), message: String(b), set: String(c) as ButtonSetName };
    if (b !== undefined && typeof b !== 'string')
      return { title: '', message: String(a), set: String(b) as ButtonSetName };
    if (b !== undefined) return { title: String(a), message: String(b), set: 'OK' as ButtonSetName };
    return { title: '', message: String(a), set: 'OK' as ButtonSetName };
  };

  const answer = (set: ButtonSetName): { button: ButtonName; text: string } => {
    const q = queue.shift();
    const allowed = SET_BUTTONS[set] ?? ['OK'];
    const button = q?.button ?? allowed[0];
    if (button !== 'CLOSE' && !allowed.includes(button))
      throw new Error(`emulator: queued button ${button} is not in the dialog's button set ${set}`);
    return { button, text: q?.text ?? '' };
  };

  // Sheets reads what it shows itself: those reads are not the script's calls, so nothing is counted.
  const showHtml = (kind: 'sidebar' | 'modal' | 'modeless', html: HtmlLike, title?: string) => {
    const s = htmlSurface(html) ?? {
      title: html.getTitle?.() ?? '',
      content: html.getContent(),
      width: html.getWidth?.() ?? null,
      height: html.getHeight?.() ?? null,
    };
    log.push({
      kind,
      title: title ?? s.title,
      content: s.content,
      width: s.width,
      height: s.height,
      at: env.clock.now(),
    });
  };

  const ui = {
    Button,
    ButtonSet,
    createMenu(caption: string): EmuMenu {
      env.counters.call('Ui.createMenu');
      return makeMenu(caption);
    },
    createAddonMenu(): EmuMenu {
      env.counters.call('Ui.createAddonMenu');
      return makeMenu('Add-on');
    },
    alert(a: unknown, b?: unknown, c?: unknown): EnumValue<ButtonName> {
      guard('alert');
      const { title, message, set } = dialogArgs(a, b, c);
      const { button } = answer(set);
      log.push({ kind: 'alert', title, message, buttons: set, button, at: env.clock.now() });
      return Button[button];
    },
    prompt(a: unknown, b?: unknown, c?: unknown): EmuPromptResponse {
      guard('prompt');
      const { title, message, set } = dialogArgs(a, b, c);
      const { button, text } = answer(set);
      log.push({ kind: 'prompt', title, message, buttons: set, button, text, at: env.clock.now() });
      return {
        getResponseText: () => {
          env.counters.call('PromptResponse.getResponseText');
          return text;
        },
        getSelectedButton: () => {
          env.counters.call('PromptResponse.getSelectedButton');
          return Button[button];
        },
      };
    },
    showSidebar(userInterface: HtmlLike): void {
      guard('showSidebar');
      showHtml('sidebar', userInterface);
    },
    showModalDialog(userInterface: HtmlLike, title: string): void {
      guard('showModalDialog');
      showHtml('modal', userInterface, String(title));
    },
    showModelessDialog(userInterface: HtmlLike, title: string): void {
      guard('showModelessDialog');
      showHtml('modeless', userInterface, String(title));
    },
  };

  return {
    ui,
    /** Every dialog and HTML surface shown, in order. */
    log,
    /** The menus added to the UI, as plain trees. */
    menus,
    /** Queues the user's answer to the next alert/prompt. */
    queueResponse(r: QueuedResponse): void {
      queue.push(r);
    },
    /** Drops the answers still queued (an action that did not ask what the page answered). */
    clearResponses(): void {
      queue.length = 0;
    },
    /** Answers still queued. */
    pendingResponses(): number {
      return queue.length;
    },
  };
}
