import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'fs';
import { dirname, join, resolve } from 'path';

/** Where the pinned Kafka's jars are, once fetched. */
export interface KafkaDistribution {
  version: string;
  /** Folder of jars: the JVM's class path is `<libs>/*`. */
  libs: string;
}

const POM_PATH = join('tools', 'apache-kafka', 'pom.xml');

/** The repository root: the first folder above this file that holds the tool's pom.xml. */
export function repositoryRoot(from = __dirname): string {
  let folder = resolve(from);
  while (!existsSync(join(folder, POM_PATH))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`cannot find ${POM_PATH} above ${from}`);
    folder = parent;
  }
  return folder;
}

/** The Kafka version pinned in tools/apache-kafka/pom.xml (the only place it is written). */
export function pinnedKafkaVersion(root = repositoryRoot()): string {
  const pom = readFileSync(join(root, POM_PATH), 'utf8');
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom);
  if (!match) throw new Error(`${POM_PATH} names no <kafka.version>`);
  return match[1].trim();
}

/**
 * The pinned Kafka's jars, fetched with Maven into `.herald/apache-kafka/<version>/libs` the
 * first time and reused afterwards. Safe when several processes fetch at once: each fetches
 * into its own folder and renames it into place; the first rename wins, the others discard.
 */
export async function ensureKafkaDistribution(root = repositoryRoot()): Promise<KafkaDistribution> {
  const version = pinnedKafkaVersion(root);
  const home = join(root, '.herald', 'apache-kafka', version);
  const libs = join(home, 'libs');
  if (isComplete(libs, version)) return { version, libs };

  mkdirSync(home, { recursive: true });
  const staging = join(home, `libs.fetching-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await runMaven(root, staging);
    if (!isComplete(staging, version)) {
      throw new Error(`Maven finished but ${staging} holds no kafka_2.13-${version}.jar`);
    }
    try {
      renameSync(staging, libs);
    } catch (error) {
      // Another process got there first: its copy is as good as ours.
      if (!isComplete(libs, version)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { version, libs };
}

function isComplete(libs: string, version: string): boolean {
  return existsSync(libs) && readdirSync(libs).includes(`kafka_2.13-${version}.jar`);
}

function runMaven(root: string, outputDirectory: string): Promise<void> {
  const args = [
    '-q',
    '-B',
    '-f',
    join(root, POM_PATH),
    'dependency:copy-dependencies',
    `-DoutputDirectory=${outputDirectory}`,
    '-DincludeScope=runtime',
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn('mvn', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (error) =>
      reject(new Error(`cannot run Maven (is it installed?): ${error.message}`)),
    );
    child.once('exit', (code) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`mvn dependency:copy-dependencies failed (${code}):\n${output}`)),
    );
  });
}
