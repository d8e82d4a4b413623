'use strict';
// Using the gateway as a user's client does: fetch its registration form (XEP-0100 / XEP-0077
// with a XEP-0004 data form), fill in the SIP account, submit it; accept the gateway's presence
// subscription and subscribe back.

const { report } = require('./report');

async function signUp(client, gateway, values) {
  const info = await client.getAccountInfo(gateway);
  const form = info.form;
  if (!form || !form.fields) throw new Error(`${gateway} sent no registration form`);
  const fields = [];
  for (const field of form.fields) {
    if (!field.name) continue;
    if (field.name === 'FORM_TYPE') fields.push({ name: field.name, type: 'hidden', value: field.value });
    else if (values[field.name] !== undefined) fields.push({ name: field.name, value: values[field.name] });
  }
  const unknown = Object.keys(values).filter(name => !form.fields.some(f => f.name === name));
  if (unknown.length) throw new Error(`the registration form has no field ${unknown.join(', ')}`);
  await client.updateAccount(gateway, { form: { type: 'submit', fields } });
}

// Accepts every subscription request (the gateway's, and its contacts') and subscribes back.
function acceptSubscriptions(client) {
  client.on('subscribe', presence => {
    const from = presence.from;
    client.acceptSubscription(from);
    client.subscribe(from);
    report('subscription', { from });
  });
  client.on('available', presence => report('presence', { from: presence.from, status: presence.status || '' }));
}

module.exports = { signUp, acceptSubscriptions };
