'use strict';
// The client's calls: every StanzaJS Jingle session with a tone as its microphone and an ear on
// the remote track; each session event reported with the session id.

const wrtc = require('@roamhq/wrtc');
const { Tone, Ear } = require('./audio');
const { audioStats } = require('./stats');
const { report, note } = require('./report');

class Calls {
  constructor(client, toneHz) {
    this.client = client;
    this.toneHz = toneHz;
    this.sessions = new Map();  // sid -> { session, tone, ear, began }
    const jingle = client.jingle;
    jingle.on('incoming', session => this.track(session, 'incoming'));
    jingle.on('outgoing', session => this.track(session, 'outgoing'));
    jingle.on('ringing', session => report('ringing', { sid: session.sid }));
    jingle.on('accepted', session => this.accepted(session));
    jingle.on('terminated', (session, reason) => this.terminated(session, reason));
    jingle.on('peerTrackAdded', (session, track) => this.listen(session, track));
    jingle.on('log', (level, message) => { if (level === 'error') note('jingle:', message); });
  }

  track(session, direction) {
    if (!this.sessions.has(session.sid)) this.sessions.set(session.sid, { session, began: Date.now() });
    report(direction, { sid: session.sid, peer: session.peerID });
    // As a real client does: the phone rings, and the caller is told so.
    if (direction === 'incoming') session.ring();
    const pc = session.pc;
    pc.addEventListener('iceconnectionstatechange', () =>
      report('ice', { sid: session.sid, state: pc.iceConnectionState }));
    pc.addEventListener('connectionstatechange', () =>
      report('connection', { sid: session.sid, state: pc.connectionState }));
    pc.addEventListener('icecandidate', e => {
      const entry = this.sessions.get(session.sid);
      const after = entry ? Date.now() - entry.began : -1;
      if (e.candidate && e.candidate.candidate) report('candidate', { sid: session.sid, after_ms: after, candidate: e.candidate.candidate });
      else report('gathered', { sid: session.sid, after_ms: after });
    });
  }

  call(to) {
    const tone = new Tone(this.toneHz);
    const stream = new wrtc.MediaStream([tone.track]);
    const session = this.client.jingle.createMediaSession(to, undefined, stream);
    this.sessions.set(session.sid, { session, tone, began: Date.now() });
    session.start({ offerToReceiveAudio: true, offerToReceiveVideo: false });
    return session.sid;
  }

  answer(sid) {
    const entry = this.find(sid);
    entry.tone = new Tone(this.toneHz);
    entry.began = Date.now();
    entry.session.addTrack(entry.tone.track, new wrtc.MediaStream([entry.tone.track]));
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
    if (!this.sessions.has(session.sid)) this.sessions.set(session.sid, { session, began: Date.now() });
    const entry = this.sessions.get(session.sid);
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
      if (entry.tone) entry.tone.stop();
      if (entry.ear) entry.ear.stop();
    }
  }

  // The session `sid`, or the only (most recent) one when sid is empty.
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
