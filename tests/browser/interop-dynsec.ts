// Mosquitto's dynamic security plugin for the interop suite: where Debian installs it, and a
// config that denies anonymous clients one kind of access to one pattern.
import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserSuite } from './harness';
import type { MosquittoOptions } from './mosquitto';

// Debian's mosquitto package installs it beside its libraries (multiarch directory);
// MOSQUITTO_DYNSEC_PLUGIN points elsewhere.
export const DYNSEC_PLUGIN =
  process.env.MOSQUITTO_DYNSEC_PLUGIN ??
  [`/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu`, '/usr/lib']
    .map((dir) => `${dir}/mosquitto_dynamic_security.so`)
    .find((path) => existsSync(path)) ??
  'mosquitto_dynamic_security.so (not found: apt-get install -y mosquitto, or set MOSQUITTO_DYNSEC_PLUGIN)';

export type DynsecAcl = 'publishClientSend' | 'subscribePattern' | 'unsubscribePattern';

/** Anonymous clients may do anything but `acltype` on `topic`. */
export function denyOne(acltype: DynsecAcl, topic: string) {
  const allow = { publishClientSend: true, publishClientReceive: true, subscribe: true };
  return {
    defaultACLAccess: { ...allow, unsubscribe: true },
    clients: [],
    groups: [{ groupname: 'anonymous', roles: [{ rolename: 'deny-one' }], clients: [] }],
    roles: [{ rolename: 'deny-one', acls: [{ acltype, topic, allow: false, priority: 0 }] }],
    anonymousGroup: 'anonymous',
  };
}

/** Mosquitto settings loading the plugin with a config that denies `acltype` on `topic`. */
export async function dynsecSettings(
  suite: BrowserSuite,
  acltype: DynsecAcl,
  topic: string,
): Promise<MosquittoOptions> {
  const dir = await suite.tempDir('deck-interop-dynsec-');
  const configFile = join(dir, 'dynamic-security.json');
  await writeFile(configFile, JSON.stringify(denyOne(acltype, topic)));
  // Mosquitto runs as its own user once started as root, and the plugin rewrites its file.
  await chmod(dir, 0o777);
  await chmod(configFile, 0o666);
  return { settings: [`plugin ${DYNSEC_PLUGIN}`, `plugin_opt_config_file ${configFile}`] };
}
