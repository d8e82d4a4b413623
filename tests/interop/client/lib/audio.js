'use strict';
// The client's microphone and ear: a sine tone fed to an RTCAudioSource, and an RTCAudioSink on
// the remote track that keeps the last second of what is heard and notices the first audio.

const { nonstandard } = require('@roamhq/wrtc');
const { analyse } = require('./frequency');

const RATE = 48000;
const FRAME = RATE / 100;  // wrtc takes 10 ms frames
const AMPLITUDE = 8000;

class Tone {
  constructor(frequency) {
    this.source = new nonstandard.RTCAudioSource();
    this.track = this.source.createTrack();
    this.phase = 0;
    this.step = (2 * Math.PI * frequency) / RATE;
    this.sent = 0;
    this.begin = Date.now();
    // Timers drift: send as many frames as the wall clock says are due (a few at most).
    this.timer = setInterval(() => {
      const due = Math.floor((Date.now() - this.begin) / 10);
      for (let n = 0; this.sent < due && n < 10; n++) this.frame();
      this.sent = Math.max(this.sent, due - 10);
    }, 10);
  }

  frame() {
    const samples = new Int16Array(FRAME);
    for (let i = 0; i < FRAME; i++) {
      samples[i] = Math.round(AMPLITUDE * Math.sin(this.phase));
      this.phase += this.step;
    }
    this.phase %= 2 * Math.PI;
    this.source.onData({ samples, sampleRate: RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: FRAME });
    this.sent++;
  }

  stop() {
    clearInterval(this.timer);
    this.track.stop();
  }
}

// Audio louder than this (RMS of a 10 ms frame, full scale 32767) counts as heard.
const HEARD_RMS = 300;

class Ear {
  // onFirstAudio(): called once, when a frame above HEARD_RMS arrives.
  constructor(track, onFirstAudio) {
    this.sink = new nonstandard.RTCAudioSink(track);
    this.samples = [];
    this.sampleRate = 0;
    this.frames = 0;
    this.heard = false;
    this.sink.ondata = data => this.take(data, onFirstAudio);
  }

  take(data, onFirstAudio) {
    const channels = data.channelCount || 1;
    this.sampleRate = data.sampleRate;
    let sum = 0;
    const count = data.numberOfFrames || data.samples.length / channels;
    for (let i = 0; i < count; i++) {
      const s = data.samples[i * channels];  // the first channel is enough for a tone
      this.samples.push(s);
      sum += s * s;
    }
    this.frames++;
    const keep = this.sampleRate;  // one second
    if (this.samples.length > 2 * keep) this.samples = this.samples.slice(-keep);
    if (!this.heard && Math.sqrt(sum / Math.max(count, 1)) > HEARD_RMS) {
      this.heard = true;
      onFirstAudio();
    }
  }

  // The dominant frequency and level of the last second heard.
  analysis() {
    const recent = this.samples.slice(-this.sampleRate);
    return { ...analyse(recent, this.sampleRate || RATE), sample_rate: this.sampleRate, frames: this.frames };
  }

  stop() {
    this.sink.stop();
  }
}

module.exports = { Tone, Ear };
