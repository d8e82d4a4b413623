'use strict';
// The browser's microphone: a WAV of a sine tone for Chromium's fake capture device, which plays
// it in a loop. Ten seconds hold a whole number of periods of any integer frequency, so the loop
// has no click that would smear the spectrum.

const fs = require('fs');

const RATE = 48000;
const SECONDS = 10;
const AMPLITUDE = 8000;  // of 32767, as the Node client's tone

function writeToneWav(file, frequency) {
  const samples = RATE * SECONDS;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    data.writeInt16LE(Math.round(AMPLITUDE * Math.sin((2 * Math.PI * frequency * i) / RATE)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);        // fmt chunk size
  header.writeUInt16LE(1, 20);         // PCM
  header.writeUInt16LE(1, 22);         // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);  // bytes per second
  header.writeUInt16LE(2, 32);         // bytes per frame
  header.writeUInt16LE(16, 34);        // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  fs.writeFileSync(file, Buffer.concat([header, data]));
}

module.exports = { writeToneWav };
