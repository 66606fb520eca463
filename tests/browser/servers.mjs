// Starts the project's own server twice for the browser tests: once as `./build.sh serve` runs
// it (isolated) and once without the isolation headers, as a plain static host would serve the
// page. Ports are picked by the system. Returns the teardown that stops both.
import { startServer } from '../../bench/server.mjs';

export default async function globalSetup() {
  const isolated = await startServer([]);
  const plain = await startServer(['--no-isolation']);
  process.env.CORELAB_URL = isolated.url;
  process.env.CORELAB_PLAIN_URL = plain.url;
  return async () => {
    await isolated.stop();
    await plain.stop();
  };
}
