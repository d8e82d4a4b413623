'use strict';
// The browser's calls: StanzaJS Jingle sessions on Chromium's own RTCPeerConnection, the
// microphone from getUserMedia (the fake device playing the tone) and an ear on the remote
// track; the same events and replies as ../../client/lib/calls.js.

const { Ear } = require('./ear');
const { audioStats } = require('../../client/lib/stats');
const { report, note } = require('./report');

async function microphone() {
  return navigator.mediaDevices.getUserMedia({ audio: true, video: false });
}

class Calls {
  constructor(client) {
    this.client = client;
    this.sessions = new Map();  // sid -> { session, mic, ear, began }
    const jingle = client.jingle;
    jingle.on('incoming', session => this.track(session, 'incoming'));
    jingle.on('outgoing', session => this.track(session, 'outgoing'));
    jingle.on('ringing', session => report('ringing', { sid: session.sid }));
    jingle.on('accepted', session => this.accepted(session));
    jingle.on('terminated', (session, reason) => this.terminated(session, reason));
    jingle.on('peerTrackAdded', (session, track) => this.listen(session, track));
    jingle.on('log', (level, message) => { if (level === 'error') note('jingle:', message); });
  }

  entry(session) {
    if (!this.sessions.has(session.sid)) this.sessions.set(session.sid, { session, began: Date.now() });
    return this.sessions.get(session.sid);
  }

  track(session, direction) {
    const entry = this.entry(session);
    report(direction, { sid: session.sid, peer: session.peerID });
    if (direction === 'incoming') session.ring();
    const pc = session.pc;
    pc.addEventListener('iceconnectionstatechange', () =>
      report('ice', { sid: session.sid, state: pc.iceConnectionState }));
    pc.addEventListener('connectionstatechange', () =>
      report('connection', { sid: session.sid, state: pc.connectionState }));
    pc.addEventListener('icecandidate', e => {
      const after = Date.now() - entry.began;
      if (e.candidate && e.candidate.candidate) report('candidate', { sid: session.sid, after_ms: after, candidate: e.candidate.candidate });
      else report('gathered', { sid: session.sid, after_ms: after });
    });
  }

  // The user clicks "call": from here the setup time counts (getUserMedia included).
  async call(to) {
    const began = Date.now();
    const mic = await microphone();
    const session = this.client.jingle.createMediaSession(to, undefined, mic);
    this.sessions.set(session.sid, { session, mic, began });
    session.start({ offerToReceiveAudio: true, offerToReceiveVideo: false });
    return session.sid;
  }

  async answer(sid) {
    const entry = this.find(sid);
    entry.began = Date.now();
    entry.mic = await microphone();
    for (const track of entry.mic.getAudioTracks()) entry.session.addTrack(track, entry.mic);
    entry.session.accept();
    return entry.session.sid;
  }

  decline(sid) {
    const entry = this.find(sid);
    entry.session.decline();
    return entry.session.sid;
  }

  hangup(sid) {
    const entry = this.find(sid);
    entry.session.end('success');
    return entry.session.sid;
  }

  async stats(sid) {
    const entry = this.find(sid);
    const audio = await audioStats(entry.session.pc);
    const heard = entry.ear ? entry.ear.analysis() : { frequency: 0, rms: 0, sample_rate: 0, frames: 0 };
    return { sid: entry.session.sid, ...audio, heard_hz: Math.round(heard.frequency * 10) / 10,
             heard_rms: Math.round(heard.rms), heard_rate: heard.sample_rate, heard_frames: heard.frames };
  }

  accepted(session) {
    const entry = this.sessions.get(session.sid);
    report('accepted', { sid: session.sid, after_ms: entry ? Date.now() - entry.began : -1 });
  }

  listen(session, track) {
    // An incoming session's track arrives with its offer, before StanzaJS says "incoming".
    const entry = this.entry(session);
    if (track.kind !== 'audio' || entry.ear) return;
    entry.ear = new Ear(track, () => report('audio', { sid: session.sid, after_ms: Date.now() - entry.began }));
  }

  terminated(session, reason) {
    const entry = this.sessions.get(session.sid);
    // StanzaJS may end a session twice (the peer connection's "closed" state ends it again).
    if (entry && entry.ended) return;
    if (entry) entry.ended = true;
    const condition = typeof reason === 'string' ? reason : (reason && reason.condition) || '';
    const text = (reason && typeof reason === 'object' && reason.text) || '';
    report('terminated', { sid: session.sid, reason: condition, text });
    if (entry) {
      if (entry.mic) entry.mic.getTracks().forEach(t => t.stop());
      if (entry.ear) entry.ear.stop();
    }
  }

  // The session `sid`, or the most recent one when sid is empty.
  find(sid) {
    if (sid) {
      const entry = this.sessions.get(sid);
      if (!entry) throw new Error(`no session ${sid}`);
      return entry;
    }
    const all = [...this.sessions.values()];
    if (!all.length) throw new Error('no session');
    return all[all.length - 1];
  }
}

module.exports = { Calls };
