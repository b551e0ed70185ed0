#!/usr/bin/env node
// The `sim` command: runs the compiled CLI in dist/ (build it with `npm run build`).
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && /dist[\\/]cli[\\/]main\.js/.test(String(error.message))) {
    process.stderr.write('error: the compiled simulator is missing (dist/)\n    fix: run "npm run build" in the package folder\n');
    process.exit(1);
  }
  throw error;
}
process.exitCode = await cli.main(process.argv.slice(2));
