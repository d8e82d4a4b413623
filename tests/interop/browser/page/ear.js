'use strict';
// The browser user's ear: the remote track plays in an <audio> element (Chromium decodes nothing
// for a track that is not played) and an AnalyserNode listens to it, noticing the first audio
// and measuring the dominant frequency of the last ~0.7 s with the Node client's FFT.

const { analyse } = require('../../client/lib/frequency');

const HEARD_RMS = 300;  // of full scale 32767, as the Node client's ear
const POLL_MS = 10;

class Ear {
  // onFirstAudio(): called once, when the level of the last 10 ms rises above HEARD_RMS.
  constructor(track, onFirstAudio) {
    const stream = new MediaStream([track]);
    const element = document.getElementById('remote');
    element.srcObject = stream;
    element.play().catch(() => {});
    this.context = new AudioContext();
    this.context.resume().catch(() => {});
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 32768;
    this.context.createMediaStreamSource(stream).connect(this.analyser);
    this.buffer = new Float32Array(this.analyser.fftSize);
    this.heard = false;
    this.polls = 0;
    this.timer = setInterval(() => this.poll(onFirstAudio), POLL_MS);
  }

  samples() {
    this.analyser.getFloatTimeDomainData(this.buffer);
    return Array.from(this.buffer, s => s * 32767);
  }

  poll(onFirstAudio) {
    this.polls++;
    if (this.heard) return;
    const all = this.samples();
    const recent = all.slice(-Math.round(this.context.sampleRate / 100));
    let sum = 0;
    for (const s of recent) sum += s * s;
    if (Math.sqrt(sum / recent.length) > HEARD_RMS) {
      this.heard = true;
      onFirstAudio();
    }
  }

  analysis() {
    return { ...analyse(this.samples(), this.context.sampleRate), sample_rate: this.context.sampleRate, frames: this.polls };
  }

  stop() {
    clearInterval(this.timer);
    this.context.close().catch(() => {});
  }
}

module.exports = { Ear };
