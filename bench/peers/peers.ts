import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The peers are the Emmett event stores, installed on demand into their own folders (each with a
 * committed package-lock.json) so that the root `npm install` and CI never compile sqlite3. They
 * live in two folders because no one Emmett version has both adapters on the registry:
 * emmett-sqlite 0.38.5 wants emmett 0.38.5, emmett-postgresql 0.42.0 wants emmett 0.42.0.
 */
export type Peer = 'sqlite' | 'postgresql';

const ENTRY: Record<Peer, string> = {
  sqlite: '@event-driven-io/emmett-sqlite/dist/index.js',
  postgresql: '@event-driven-io/emmett-postgresql/dist/index.js',
};

const folderOf = (peer: Peer): string => join(process.cwd(), 'bench', 'peers', peer);

/** Installs the peer from its lockfile unless it is there already (sqlite3 compiles: about 2 minutes). */
export const ensurePeer = (peer: Peer): void => {
  const folder = folderOf(peer);
  if (existsSync(join(folder, 'node_modules', ENTRY[peer]))) return;
  console.log(`Installing the ${peer} peer into ${folder} (once) ...`);
  execFileSync('npm', ['ci', '--prefix', folder, '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' },
  });
};

/** The peer's module, imported from its own folder so its dependencies resolve there. */
export const importPeer = async <Module>(peer: Peer): Promise<Module> => {
  ensurePeer(peer);
  return (await import(pathToFileURL(join(folderOf(peer), 'node_modules', ENTRY[peer])).href)) as Module;
};

/** The installed version of a package of a peer folder, for the results file. */
export const peerVersion = (peer: Peer, name: string): string => {
  const manifest = join(folderOf(peer), 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
};
