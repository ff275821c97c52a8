#!/usr/bin/env node
// The installed `adminduk` command: the built CLI (npm run build) when present, else its sources
// through swc (a fresh `npm ci` without a build; the tests set ADMINDUK_CLI_FROM_SOURCE=1).
const path = require('node:path');
const fs = require('node:fs');

const built = path.join(__dirname, '..', 'dist', 'src', 'main.js');
if (fs.existsSync(built) && !process.env.ADMINDUK_CLI_FROM_SOURCE) {
  require(built).runCli();
} else {
  require('@swc-node/register');
  require(path.join(__dirname, '..', 'src', 'main.ts')).runCli();
}
