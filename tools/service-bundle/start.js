'use strict';
/**
 * Starts a service from its bundle (main.js beside this file) with V8's code cache (main.js.v8cache,
 * written by the build's warm-up): a restarted service neither looks up and reads ~1,700 module files
 * nor compiles them again, which was half of its CPU to ready (issue 16). A cache V8 rejects (another
 * Node version or flags) only costs the compile it would have saved. CODE_CACHE_WARMUP=1 writes the
 * cache when the process exits: the build runs the bundle without configuration, so it loads every
 * module and stops at the configuration check.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, 'main.js');
const cacheFile = `${file}.v8cache`;
const warmup = process.env.CODE_CACHE_WARMUP === '1';
let cachedData;
if (!warmup) {
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // No cache: compile as plain Node would.
  }
}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
if (warmup) process.on('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));

// The bundle runs as the main module, with its own require (its externals resolve from node_modules).
const main = new Module(file, null);
main.filename = file;
main.paths = Module._nodeModulePaths(__dirname);
main.loaded = true;
require.main = main;
process.mainModule = main;
script.runInThisContext().call(main.exports, main.exports, Module.createRequire(file), main, file, __dirname);
