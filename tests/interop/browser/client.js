'use strict';
// The browser as alice's WebRTC client: headless Chromium (Debian's) driven by playwright-core,
// on a page that bundles StanzaJS (esbuild) and places Jingle calls with the browser's own
// WebRTC stack. Same command line, commands and events as ../client/client.js, so the test's
// WebRtcClient drives either; the page does the work, this process only carries commands in
// (named pipe) and events out (stdout).
//
//   node client.js --ws ws://10.77.0.1:5280/xmpp-websocket --jid alice@localhost/browser
//                  --password PW --control FIFO [--tone 770]
//
// The microphone is Chromium's fake capture device playing a WAV of the tone (tone_wav.js); the
// ear an AnalyserNode on the remote track (page/ear.js).

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { report, note } = require('../client/lib/report');
const { serveControl } = require('../client/lib/control');
const { bundlePage } = require('./bundle');
const { writeToneWav } = require('./tone_wav');

const CHROMIUM = '/usr/bin/chromium';

function options(argv) {
  const out = { tone: '770' };
  for (let i = 2; i + 1 < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const required of ['ws', 'jid', 'password', 'control']) {
    if (!out[required]) throw new Error(`missing --${required}`);
  }
  return out;
}

function chromiumFlags(toneWav) {
  return ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--autoplay-policy=no-user-gesture-required', '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${toneWav}`,
    // Host candidates as addresses, not mDNS names: baresip cannot resolve .local names. And no
    // Local Network Access prompt: the page comes from this driver (Chromium counts it as public),
    // where a real deployment serves it from the host of the websocket.
    '--disable-features=WebRtcHideLocalIpsWithMdns,LocalNetworkAccessChecks'];
}

async function main() {
  const opts = options(process.argv);
  const began = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-browser-'));
  let browser = null;
  let closing = false;
  // The test stops the client with SIGTERM: close Chromium first (playwright then removes its
  // profile directory; Chromium runs in a process group of its own, which a kill of ours misses).
  const closeAndExit = code => {
    if (closing) return;
    closing = true;
    (browser ? browser.close() : Promise.resolve()).catch(() => {}).finally(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      process.exit(code);
    });
  };
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => closeAndExit(0));

  const toneWav = path.join(dir, 'tone.wav');
  writeToneWav(toneWav, Number(opts.tone));
  const script = await bundlePage();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumFlags(toneWav),
                                   handleSIGINT: false, handleSIGTERM: false });  // closeAndExit does
  if (closing) return browser.close();
  browser.on('disconnected', () => {
    if (closing) return;
    report('disconnected', { what: 'browser' });
    closeAndExit(1);
  });

  const page = await browser.newPage();
  page.on('console', message => note(`page ${message.type()}:`, message.text()));
  page.on('pageerror', err => note('page error:', err.stack || err.message));
  await page.exposeFunction('gwReport', (event, fields) => report(event, fields));
  // The page's origin: an http page, as a web client is (served here, never fetched); localhost,
  // because getUserMedia needs a secure context.
  await page.route('http://localhost/**', route => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html><body><audio id="remote" autoplay></audio><script>${script}</script></body></html>`,
  }));
  await page.goto('http://localhost/');
  report('browser', { version: browser.version(), after_ms: Date.now() - began });

  serveControl(opts.control, request => page.evaluate(r => window.gwCommand(r), request));
  report('listening', { control: opts.control });
  await page.evaluate(o => window.gwStart(o), { ws: opts.ws, jid: opts.jid, password: opts.password });
}

process.on('unhandledRejection', err => note('unhandled rejection:', err && err.stack ? err.stack : err));
main().catch(err => {
  note('browser client failed:', err && err.stack ? err.stack : err);
  report('no-browser', { error: String(err && err.message ? err.message : err) });
  process.exit(1);
});
