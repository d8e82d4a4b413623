'use strict';
// Events from the page to the driver (window.gwReport, exposed by client.js), which prints them
// as the Node client does; diagnostics go to the console, which the driver copies to stderr.

function report(event, fields = {}) {
  window.gwReport(event, fields);
}

function note(...args) {
  console.log(args.join(' '));
}

module.exports = { report, note };
