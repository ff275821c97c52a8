// Lints source texts as if they were files at the given paths, with the project's ESLint config, and prints
// the messages as JSON. Run as its own process: ESLint loads eslint.config.mjs with import(), which Jest's
// module sandbox cannot do. Input (stdin): [{ filePath, code }]. Output: [{ filePath, messages }].
const { ESLint } = require('eslint');
const { createProjectGraphAsync } = require('@nx/devkit');

async function main() {
  const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  // The module-boundary rule reads Nx's cached project graph; make sure it is there and current.
  await createProjectGraphAsync({ exitOnError: true });
  const eslint = new ESLint({ cwd: require('node:path').resolve(__dirname, '../..') });
  const out = [];
  for (const c of cases) {
    const [result] = await eslint.lintText(c.code, { filePath: c.filePath });
    out.push({ filePath: c.filePath, messages: result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })) });
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
