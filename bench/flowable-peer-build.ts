import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '@ugov/testing';

/** The Maven project of the Flowable peer, and where its build is kept (git-ignored). */
const PROJECT = join(repoRoot, 'bench', 'flowable');
const CACHE = join(repoRoot, '.cache', 'flowable-peer');
const BUILD = join(CACHE, 'build');
const STAMP = join(CACHE, '.complete');
const MAVEN_LOG = join(CACHE, 'mvn.log');

/** A first build fetches Flowable and its dependencies from Maven Central; one still running after this is stuck. */
const BUILD_TIMEOUT_MS = 5 * 60 * 1000;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.name !== 'target')
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : [join(folder, entry.name)]))
    .sort();
}

/** Changes whenever a source file (or the pom) does: a stale build is never run. */
function sourcesHash(): string {
  const hash = createHash('sha1');
  for (const file of sourceFiles(PROJECT)) hash.update(relative(PROJECT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function lastLines(file: string, count: number): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).join('\n') : '';
}

function runMaven(args: readonly string[]): Promise<void> {
  // Output goes to a file (Maven 3.8 prints stray ANSI codes even with -q); it is shown on failure.
  const log = openSync(MAVEN_LOG, 'w');
  const child = spawn('mvn', args, { cwd: PROJECT, stdio: ['ignore', log, log] });
  closeSync(log);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run mvn (${error.message}); the Flowable peer needs Maven and Java 17`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new Error(`building the Flowable peer failed (${signal ?? `exit ${code}`}); ${MAVEN_LOG} ends:\n${lastLines(MAVEN_LOG, 30)}`),
        );
    });
  });
}

/**
 * The peer's runnable jar (its dependencies beside it in lib/), built with `mvn package` into .cache/
 * the first time and again only when bench/flowable changes. MAVEN_REPO_LOCAL is passed on, as
 * scripts/kafka.sh does.
 */
export async function flowablePeerJar(): Promise<string> {
  const jar = join(BUILD, 'flowable-peer.jar');
  const wanted = sourcesHash();
  if (existsSync(jar) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted) return jar;
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  const localRepository = process.env.MAVEN_REPO_LOCAL ? [`-Dmaven.repo.local=${process.env.MAVEN_REPO_LOCAL}`] : [];
  await runMaven(['-B', '-q', '-Dstyle.color=never', ...localRepository, `-Dpeer.buildDirectory=${BUILD}`, 'package']);
  writeFileSync(STAMP, wanted);
  return jar;
}
