#!/usr/bin/env node
// node-zookeeper-client (npm) against one server, one case at a time.
//
// Usage: node node_matrix.js HOST:PORT [CASE ...]
//
// Prints one line per case, `CASE <name> PASS` or `CASE <name> FAIL <why>`, and exits 0
// only when all passed. Each case gets its own clients and a fresh root; every wait is bounded.
'use strict';

const crypto = require('crypto');
const zookeeper = require('node-zookeeper-client');

const { ACL, CreateMode, Event, Exception, Id, Permission } = zookeeper;
const WAIT_MS = 10000;
const CASE_MS = 30000;

class CheckFailed extends Error {}

function check(condition, what) {
  if (!condition) {
    throw new CheckFailed(what);
  }
}

function checkEqual(expected, actual, what) {
  const e = JSON.stringify(expected);
  const a = JSON.stringify(actual);
  check(e === a, `${what}: expected ${e}, got ${a}`);
}

function within(promise, what) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailed(`waited ${WAIT_MS} ms for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

// Calls a callback-style client method; resolves with the callback's results after the error.
function call(client, method, ...args) {
  return new Promise((resolve, reject) => {
    client[method](...args, (error, ...results) => (error ? reject(error) : resolve(results)));
  });
}

async function expectCode(code, what, promise) {
  try {
    await promise;
  } catch (e) {
    check(e instanceof Exception && e.getCode() === code, `${what}: expected code ${code}, got ${e}`);
    return;
  }
  throw new CheckFailed(`${what}: expected code ${code}, but the call succeeded`);
}

// Watch events as a queue a case can wait on.
class Events {
  constructor() {
    this.items = [];
    this.waiters = [];
    this.watcher = (event) => this.push(`${event.getName()} ${event.getPath()}`);
  }

  push(item) {
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter(item);
    } else {
      this.items.push(item);
    }
  }

  next(what) {
    if (this.items.length > 0) {
      return Promise.resolve(this.items.shift());
    }
    return within(new Promise((resolve) => this.waiters.push(resolve)), what);
  }
}

class Clients {
  constructor(hosts) {
    this.hosts = hosts;
    this.started = [];
  }

  async connect() {
    const client = zookeeper.createClient(this.hosts, { sessionTimeout: 10000, spinDelay: 100, retries: 0 });
    this.started.push(client);
    const connected = new Promise((resolve) => client.once('connected', resolve));
    client.connect();
    await within(connected, 'connected');
    return client;
  }

  async closeAll() {
    await Promise.all(this.started.map((client) => closeClient(client)));
  }
}

function closeClient(client) {
  if (client.getState() === zookeeper.State.DISCONNECTED) {
    return Promise.resolve();
  }
  const closed = new Promise((resolve) => client.once('disconnected', resolve));
  client.close();
  return within(closed, 'close').catch(() => {});
}

const text = (buffer) => (buffer ? buffer.toString('utf8') : null);

async function crud(c, root) {
  const zk = await c.connect();
  checkEqual([root], await call(zk, 'create', root, Buffer.from('one')), 'create');
  const [data, stat] = await call(zk, 'getData', root);
  checkEqual('one', text(data), 'getData');
  checkEqual([0, 3, 0], [stat.version, stat.dataLength, stat.numChildren], 'version, dataLength, numChildren');
  const [set] = await call(zk, 'setData', root, Buffer.from('two'), 0);
  checkEqual(1, set.version, 'version after setData');
  await expectCode(Exception.BAD_VERSION, 'setData with a stale version', call(zk, 'setData', root, Buffer.from('x'), 0));
  await expectCode(Exception.NODE_EXISTS, 'create twice', call(zk, 'create', root));
  await expectCode(Exception.NO_NODE, 'create without a parent', call(zk, 'create', `${root}/no/parent`));
  await call(zk, 'mkdirp', `${root}/a/b/c`);
  await call(zk, 'create', `${root}/z`, Buffer.from('z'));
  const [children] = await call(zk, 'getChildren', root);
  checkEqual(['a', 'z'], children.sort(), 'getChildren');
  checkEqual([['c']], (await call(zk, 'getChildren', `${root}/a/b`)).slice(0, 1), 'mkdirp made every level');
  await expectCode(Exception.NOT_EMPTY, 'remove a parent', call(zk, 'remove', root, -1));
  await expectCode(Exception.BAD_VERSION, 'remove with a wrong version', call(zk, 'remove', `${root}/z`, 4));
  // Not removeRecursive: its listSubTreeBFS sees only the first level under async 3.
  for (const path of [`${root}/a/b/c`, `${root}/a/b`, `${root}/a`, `${root}/z`, root]) {
    await call(zk, 'remove', path, -1);
  }
  checkEqual([null], await call(zk, 'exists', root), 'exists after remove');
  await expectCode(Exception.NO_NODE, 'getData after remove', call(zk, 'getData', root));
}

async function ephemeralSequential(c, root) {
  const owner = await c.connect();
  const observer = await c.connect();
  await call(observer, 'create', root);
  const made = [];
  for (let i = 0; i < 3; i += 1) {
    made.push((await call(owner, 'create', `${root}/e-`, null, CreateMode.EPHEMERAL_SEQUENTIAL))[0]);
  }
  checkEqual([0, 1, 2].map((i) => `${root}/e-${String(i).padStart(10, '0')}`), made, 'sequential names');
  const [stat] = await call(observer, 'exists', made[0]);
  checkEqual(owner.getSessionId().toString('hex'), stat.ephemeralOwner.toString('hex'), 'ephemeralOwner');
  await expectCode(Exception.NO_CHILDREN_FOR_EPHEMERALS, 'child of an ephemeral', call(owner, 'create', `${made[0]}/x`));
  const events = new Events();
  await call(observer, 'getChildren', root, events.watcher);
  await closeClient(owner);
  checkEqual(`NODE_CHILDREN_CHANGED ${root}`, await events.next('the owner\'s ephemerals to go'), 'event');
  checkEqual([[]], (await call(observer, 'getChildren', root)).slice(0, 1), 'children after the owner closed');
}

async function watches(c, root) {
  const watcher = await c.connect();
  const actor = await c.connect();
  const events = new Events();
  checkEqual([null], await call(watcher, 'exists', root, events.watcher), 'exists on a missing node');
  await call(actor, 'create', root, Buffer.from('a'));
  checkEqual(`NODE_CREATED ${root}`, await events.next('NODE_CREATED'), 'exists watch');
  await call(watcher, 'getData', root, events.watcher);
  await call(watcher, 'getChildren', root, events.watcher);
  await call(actor, 'setData', root, Buffer.from('b'), -1);
  checkEqual(`NODE_DATA_CHANGED ${root}`, await events.next('NODE_DATA_CHANGED'), 'data watch');
  // One-shot: this second set must not notify; the child event proves nothing came before it.
  await call(actor, 'setData', root, Buffer.from('c'), -1);
  await call(actor, 'create', `${root}/kid`);
  checkEqual(`NODE_CHILDREN_CHANGED ${root}`, await events.next('NODE_CHILDREN_CHANGED'), 'child watch, no second data event');
  await call(watcher, 'getData', `${root}/kid`, events.watcher);
  await call(actor, 'remove', `${root}/kid`, -1);
  checkEqual(`NODE_DELETED ${root}/kid`, await events.next('NODE_DELETED'), 'delete fires the data watch');
  checkEqual([], events.items, 'no further events');
}

async function transaction(c, root) {
  const zk = await c.connect();
  const [results] = await call(zk.transaction()
    .create(root, Buffer.from('r'))
    .create(`${root}/a`, Buffer.from('a'))
    .setData(`${root}/a`, Buffer.from('a2'), 0)
    .check(root, 0), 'commit');
  checkEqual(4, results.length, 'results of a committed transaction');
  const [data, stat] = await call(zk, 'getData', `${root}/a`);
  checkEqual(['a2', 1], [text(data), stat.version], 'data after the transaction');
  let failed = null;
  try {
    await call(zk.transaction()
      .create(`${root}/b`)
      // Not version 0: the client sends `version || -1`, and -1 matches any version.
      .check(`${root}/a`, 7)
      .remove(`${root}/a`, -1), 'commit');
  } catch (e) {
    failed = e;
  }
  check(failed instanceof Exception, `a transaction with a failing check: ${failed}`);
  checkEqual(Exception.BAD_VERSION, failed.getCode(), 'the failing op\'s code');
  checkEqual([null], await call(zk, 'exists', `${root}/b`), 'rolled-back create');
}

async function acl(c, root) {
  const owner = await c.connect();
  const stranger = await c.connect();
  owner.addAuthInfo('digest', Buffer.from('alice:secret'));
  const digest = crypto.createHash('sha1').update('alice:secret').digest('base64');
  const onlyAlice = [new ACL(Permission.ALL, new Id('digest', `alice:${digest}`))];
  await call(owner, 'create', root, Buffer.from('private'), onlyAlice);
  const [acls, stat] = await call(owner, 'getACL', root);
  checkEqual([['digest', `alice:${digest}`, Permission.ALL]], acls.map((a) => [a.id.scheme, a.id.id, a.permission]), 'getACL');
  checkEqual(0, stat.aversion, 'aversion');
  checkEqual('private', text((await call(owner, 'getData', root))[0]), 'owner reads');
  await expectCode(Exception.NO_AUTH, 'stranger reads', call(stranger, 'getData', root));
  await expectCode(Exception.BAD_VERSION, 'setACL with a wrong aversion', call(owner, 'setACL', root, ACL.READ_ACL_UNSAFE, 2));
  const [after] = await call(owner, 'setACL', root, ACL.READ_ACL_UNSAFE, 0);
  checkEqual(1, after.aversion, 'aversion after setACL');
  checkEqual('private', text((await call(stranger, 'getData', root))[0]), 'stranger reads a world-readable node');
  await expectCode(Exception.NO_AUTH, 'read-only ACL refuses setData', call(owner, 'setData', root, Buffer.from('x'), -1));
}

const CASES = {
  crud,
  'ephemeral-sequential': ephemeralSequential,
  watches,
  transaction,
  acl,
};

async function runOne(hosts, root, name) {
  const body = CASES[name];
  if (!body) {
    return `FAIL unknown case (known: ${Object.keys(CASES).join(', ')})`;
  }
  const clients = new Clients(hosts);
  const start = Date.now();
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailed(`did not finish within ${CASE_MS} ms`)), CASE_MS);
  });
  try {
    await Promise.race([body(clients, root), deadline]);
    return `PASS (${Date.now() - start} ms)`;
  } catch (e) {
    if (!(e instanceof CheckFailed)) {
      console.error(e);
    }
    return `FAIL ${String(e instanceof CheckFailed ? e.message : e).replace(/\n/g, ' ')}`;
  } finally {
    clearTimeout(timer);
    await clients.closeAll();
  }
}

async function main() {
  const [hosts, ...named] = process.argv.slice(2);
  const names = named.length > 0 ? named : Object.keys(CASES);
  const base = `/node-${crypto.randomBytes(4).toString('hex')}`;
  let failed = 0;
  for (const name of names) {
    const outcome = await runOne(hosts, `${base}-${name}`, name);
    console.log(`CASE ${name} ${outcome}`);
    if (!outcome.startsWith('PASS')) {
      failed += 1;
    }
  }
  return failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(2);
});
