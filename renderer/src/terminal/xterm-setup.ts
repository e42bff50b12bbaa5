import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

export interface KeyHooks {
  find(): void;
  fontSize(delta: number): void;
}

/** One xterm with its addons and its own DOM element, which moves between the views that show it. */
export interface Xterm {
  term: Terminal;
  search: SearchAddon;
  /** The element xterm renders into; a view appends it to itself and gives it back when unmounted. */
  element: HTMLDivElement;
  renderer: 'webgl' | 'dom';
  /** Shows the terminal inside `parent` (opening it the first time) and fits it. */
  mount(parent: HTMLElement): void;
  fit(): void;
  setFontSize(px: number): void;
  copy(): Promise<void>;
  paste(): Promise<void>;
  hooks: KeyHooks;
  dispose(): void;
}

const LIGHT: ITheme = {
  background: '#ffffff',
  foreground: '#1b1f24',
  cursor: '#1b1f24',
  cursorAccent: '#ffffff',
  selectionBackground: '#bcd3fb',
  black: '#1b1f24',
  red: '#c62828',
  green: '#15803d',
  yellow: '#a16207',
  blue: '#1d5fd6',
  magenta: '#9333ea',
  cyan: '#0e7490',
  white: '#8a919c',
  brightBlack: '#5d6571',
  brightRed: '#dc2626',
  brightGreen: '#16a34a',
  brightYellow: '#ca8a04',
  brightBlue: '#2563eb',
  brightMagenta: '#a855f7',
  brightCyan: '#0891b2',
  brightWhite: '#b8bec7',
};

const DARK: ITheme = {
  background: '#111316',
  foreground: '#e6e8eb',
  cursor: '#e6e8eb',
  cursorAccent: '#111316',
  selectionBackground: '#2f4a78',
  black: '#2a2e35',
  red: '#f87171',
  green: '#4ade80',
  yellow: '#facc15',
  blue: '#60a5fa',
  magenta: '#c084fc',
  cyan: '#22d3ee',
  white: '#d1d5db',
  brightBlack: '#6f7782',
  brightRed: '#fca5a5',
  brightGreen: '#86efac',
  brightYellow: '#fde047',
  brightBlue: '#93c5fd',
  brightMagenta: '#d8b4fe',
  brightCyan: '#67e8f9',
  brightWhite: '#ffffff',
};

const themeNow = (): ITheme => (document.documentElement.dataset.theme === 'dark' ? DARK : LIGHT);

/**
 * WebGL is faster than the DOM renderer only on a GPU. On software GL (SwiftShader, llvmpipe: headless machines,
 * VMs) it is slower and flickers, so the DOM renderer is used there as it is when WebGL fails altogether.
 */
function hardwareWebgl(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !/swiftshader|llvmpipe|software|basic render/i.test(name);
  } catch {
    return false;
  }
}
let webglUsable: boolean | null = null;

export function createXterm(fontSize: number): Xterm {
  const term = new Terminal({
    fontFamily: "ui-monospace, 'SF Mono', 'Cascadia Code', 'JetBrains Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
    fontSize,
    lineHeight: 1.15,
    scrollback: 10_000,
    // A steady cursor, as VS Code's terminal has by default. A blinking one keeps Chromium producing frames, and a
    // keystroke's echo then waits behind them: term-latency p50 27 → 9 ms, received → drawn 17 → 3 ms, with it off.
    cursorBlink: false,
    allowProposedApi: true,
    macOptionIsMeta: true,
    rightClickSelectsWord: false,
    theme: themeNow(),
  });
  const fitAddon = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fitAddon);
  term.loadAddon(search);
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  term.loadAddon(
    new WebLinksAddon((event, uri) => {
      event.preventDefault();
      window.open(uri, '_blank', 'noopener,noreferrer');
    }),
  );

  const element = document.createElement('div');
  element.className = 'xterm-host';
  let opened = false;
  let webgl: WebglAddon | null = null;
  const themeObserver = new MutationObserver(() => (term.options.theme = themeNow()));
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  const x: Xterm = {
    term,
    search,
    element,
    renderer: 'dom',
    hooks: { find: () => {}, fontSize: () => {} },
    mount(parent) {
      if (element.parentElement !== parent) parent.appendChild(element);
      if (!opened) {
        opened = true;
        term.open(element);
        webglUsable ??= hardwareWebgl();
        if (webglUsable) {
          try {
            webgl = new WebglAddon();
            webgl.onContextLoss(() => {
              webgl?.dispose();
              webgl = null;
              x.renderer = 'dom';
              element.dataset.renderer = 'dom';
            });
            term.loadAddon(webgl);
            x.renderer = 'webgl';
          } catch {
            webgl = null;
          }
        }
        element.dataset.renderer = x.renderer;
      }
      x.fit();
    },
    fit() {
      if (!opened || !element.isConnected || element.clientWidth === 0 || element.clientHeight === 0) return;
      try {
        fitAddon.fit();
      } catch {
        // not laid out yet
      }
    },
    setFontSize(px) {
      term.options.fontSize = px;
      x.fit();
    },
    async copy() {
      const text = term.getSelection();
      if (text) await navigator.clipboard.writeText(text);
    },
    async paste() {
      const text = await navigator.clipboard.readText();
      if (text) term.paste(text);
    },
    dispose() {
      themeObserver.disconnect();
      term.dispose();
      element.remove();
    },
  };

  // Ctrl+Shift+C/V copy and paste (Ctrl+C stays the interrupt), Ctrl+Shift+F finds, Ctrl+= / Ctrl+- zoom.
  term.attachCustomKeyEventHandler((e) => {
    if (e.type !== 'keydown') return true;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.shiftKey && (e.code === 'KeyC' || e.code === 'KeyV' || e.code === 'KeyF')) {
      e.preventDefault();
      if (e.code === 'KeyC') void x.copy().catch(() => undefined);
      else if (e.code === 'KeyV') void x.paste().catch(() => undefined);
      else x.hooks.find();
      return false;
    }
    if (mod && !e.shiftKey && (e.key === '=' || e.key === '+' || e.key === '-')) {
      e.preventDefault();
      x.hooks.fontSize(e.key === '-' ? -1 : 1);
      return false;
    }
    // Ctrl+` belongs to the app (the terminal panel), not to the shell.
    if (e.ctrlKey && e.code === 'Backquote') return false;
    return true;
  });
  return x;
}
