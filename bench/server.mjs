// Starts `corelab serve` on a free port and resolves with its URL once it prints it (https with
// --lan); shared by the browser tests and the headless runner. The binary is built by ./build.sh;
// CORELAB_SERVER names another one (an older build, to measure a change against it).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BINARY = process.env.CORELAB_SERVER || `${ROOT}target/release/corelab`;

export function startServer(extraArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(BINARY, ['serve', '--port', '0', '--root', ROOT, ...extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      const match = /serving at (https?:\/\/\S+)/.exec(output);
      if (match) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({
          url: match[1],
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.once('error', (error) => reject(new Error(`cannot start ${BINARY}: ${error.message}; run ./build.sh first`)));
    child.once('exit', (code) => reject(new Error(`corelab serve exited with ${code}: ${output.trim()}`)));
  });
}
