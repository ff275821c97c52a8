// Production entry hook: resolves `@adminduk/<lib>` to the compiled lib in dist/ (the output of
// `npm run build`), mirroring the tsconfig paths that development and tests use.
//   node -r ./tools/register-dist-aliases.js dist/services/gateway/src/main.js
const Module = require('node:module');
const path = require('node:path');

const dist = path.resolve(__dirname, '..', 'dist');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const m = /^@adminduk\/([a-z-]+)$/.exec(request);
  if (m) return resolve.call(this, path.join(dist, 'libs', m[1], 'src', 'index.js'), parent, ...rest);
  return resolve.call(this, request, parent, ...rest);
};
