'use strict';
// The web client on the page: StanzaJS over the XMPP server's websocket with the browser's
// WebRTC. The driver (../client.js) calls window.gwStart once, then window.gwCommand for each
// command; the sign-up is the Node client's (../../client/lib/account.js).

const XMPP = require('stanza');
const { report, note } = require('./report');
const { signUp, acceptSubscriptions } = require('../../client/lib/account');
const { Calls } = require('./calls');
const { waitForNetwork } = require('./network');

let client = null;
let calls = null;

const commands = {
  signup: async r => {
    await signUp(client, r.gateway, { username: r.username, password: r.password, proxy: r.proxy });
    return {};
  },
  call: async r => ({ sid: await calls.call(r.to) }),
  answer: async r => ({ sid: await calls.answer(r.sid) }),
  decline: async r => ({ sid: calls.decline(r.sid) }),
  hangup: async r => ({ sid: calls.hangup(r.sid) }),
  stats: async r => calls.stats(r.sid),
};

window.gwCommand = async request => {
  if (!client) throw new Error('not started');
  const handler = commands[request.cmd];
  if (!handler) throw new Error(`unknown command ${request.cmd}`);
  return handler(request);
};

window.gwStart = async opts => {
  const [bare, resource] = opts.jid.split('/');
  client = XMPP.createClient({
    jid: bare,
    password: opts.password,
    resource: resource || 'browser',
    transports: { websocket: opts.ws, bosh: false },
    jingle: { iceServers: [], advertiseAudio: true, advertiseVideo: false, advertiseFileTransfer: false },
  });
  calls = new Calls(client);
  acceptSubscriptions(client);
  client.on('session:started', () => {
    client.updateCaps();
    client.sendPresence({ legacyCapabilities: client.disco.getCaps() });
    report('online', { jid: client.jid });
  });
  client.on('auth:failed', () => report('auth-failed'));
  client.on('disconnected', () => report('disconnected'));
  client.on('stream:error', err => note('stream error', JSON.stringify(err)));
  for (const direction of ['incoming', 'outgoing']) {
    client.on(`raw:${direction}`, xml => { if (xml.includes('<jingle ')) note(direction, xml); });
  }
  // getUserMedia first: Chromium exposes host addresses only to a page holding a microphone.
  const began = Date.now();
  const probe = await navigator.mediaDevices.getUserMedia({ audio: true });
  try {
    const address = await waitForNetwork(10000);
    report('network', { address, after_ms: Date.now() - began });
  } catch (err) {
    report('no-network', { error: err.message });
    throw err;
  } finally {
    probe.getTracks().forEach(t => t.stop());
  }
  client.connect();
};
