import { loadConfig } from '#runtime';
import { ROLES, signHs256, type Role } from '../auth/jwt.js';
import { localAuthSecret } from '../infrastructure/infrastructure.module.js';

/** `npm run token -- <role> [subject] [hours]`: a locally signed token for the embedded default. */
const [role = 'registry', sub = `${role}-local`, hours = '8'] = process.argv.slice(2);
if (!ROLES.includes(role as Role)) {
  console.error(`role must be one of ${ROLES.join(', ')}`);
  process.exit(1);
}
const config = loadConfig();
console.log(signHs256({ sub, roles: [role] }, localAuthSecret(config), Number(hours) * 3600));
