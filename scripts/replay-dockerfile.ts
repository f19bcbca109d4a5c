/**
 * Replays the Dockerfile without a Docker engine (none runs where CI does): each stage in a
 * clean temporary folder, COPY from the build context as `.dockerignore` filters it (or from an
 * earlier stage), RUN with bash, then the image's CMD as its start step. It catches a file the
 * image needs but never copies, a build step that fails, or a start command that cannot run.
 *
 * It understands the instructions this project's Dockerfile uses: FROM … AS, WORKDIR, ENV, COPY
 * [--from] [--chown] (ownership is not replayed), RUN, USER, VOLUME, CMD (exec form). Anything else is an error, so it cannot silently skip.
 *
 *   npx tsx scripts/replay-dockerfile.ts            # build stages, print the final folder and CMD
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ReplayedImage {
  /** The final stage's working directory, as the container would see /app. */
  workdir: string;
  env: Record<string, string>;
  user: string;
  cmd: string[];
  baseImages: string[];
  /** VOLUME paths of the final stage (created in its folder, as Docker does). */
  volumes: string[];
}

interface Stage {
  name: string;
  root: string;
  workdir: string;
}

const projectRoot = fileURLToPath(new URL('../', import.meta.url));

export function readInstructions(dockerfile: string): { keyword: string; args: string }[] {
  const joined = dockerfile.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** Files of the build context that `.dockerignore` lets through (its common subset: paths, `*`, `!`). */
export function contextFiles(context: string): Set<string> {
  const patterns = existsSync(join(context, '.dockerignore'))
    ? readFileSync(join(context, '.dockerignore'), 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
    : [];
  const rules = patterns.map((pattern) => {
    const negate = pattern.startsWith('!');
    const body = (negate ? pattern.slice(1) : pattern).replace(/^\/+|\/+$/g, '');
    const regex = new RegExp(
      `^${body
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*')}(/.*)?$`,
    );
    return { negate, regex };
  });
  const included = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      const rel = relative(context, path);
      let ignored = false;
      for (const rule of rules) if (rule.regex.test(rel)) ignored = !rule.negate;
      if (ignored) continue;
      if (statSync(path).isDirectory()) walk(path);
      else included.add(rel);
    }
  };
  walk(context);
  return included;
}

/**
 * In a real Docker build, `npm ci` downloads better-sqlite3's prebuilt binary for this Node and
 * platform (prebuild-install, from GitHub). Here GitHub is out of reach, so it would compile from
 * source for minutes on every replay. Instead the replay's npm gets a cache that already holds
 * that download, packed from this machine's build of the same version (same Node ABI, platform
 * and architecture), where prebuild-install looks before downloading; the package cache itself is
 * the machine's. Without a local build, nothing is seeded and npm ci compiles as before.
 */
function npmCacheWithPrebuiltSqlite(context: string): string | undefined {
  const pkgDir = join(context, 'node_modules', 'better-sqlite3');
  if (!existsSync(join(pkgDir, 'build', 'Release', 'better_sqlite3.node'))) return undefined;
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const url = `https://github.com/WiseLibs/better-sqlite3/releases/download/v${version}/${name}`;
  const cache = mkdtempSync(join(tmpdir(), 'dockerfile-replay-npm-cache-'));
  const machineCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
  if (existsSync(join(machineCache, '_cacache'))) symlinkSync(join(machineCache, '_cacache'), join(cache, '_cacache'));
  mkdirSync(join(cache, '_prebuilds'));
  // prebuild-install's cache file name: 6 hex digits of the URL's SHA-512, then the file name.
  const cached = `${createHash('sha512').update(url).digest('hex').slice(0, 6)}-${name.replace(/[^a-zA-Z0-9.]+/g, '-')}`;
  execFileSync('tar', ['-czf', join(cache, '_prebuilds', cached), '-C', pkgDir, 'build/Release/better_sqlite3.node']);
  return cache;
}

export function replayDockerfile(context = projectRoot, log: (line: string) => void = () => {}): ReplayedImage {
  const npmCache = npmCacheWithPrebuiltSqlite(context);
  const instructions = readInstructions(readFileSync(join(context, 'Dockerfile'), 'utf8'));
  const allowed = contextFiles(context);
  const base = mkdtempSync(join(tmpdir(), 'dockerfile-replay-'));
  const stages: Stage[] = [];
  const baseImages: string[] = [];
  let env: Record<string, string> = {};
  let user = 'root';
  let cmd: string[] = [];
  let volumes: string[] = [];
  let stage: Stage | undefined;

  const inStage = (path: string, current: Stage): string => (path.startsWith('/') ? join(current.root, path) : join(current.workdir, path));

  for (const { keyword, args } of instructions) {
    log(`${keyword} ${args}`);
    if (keyword === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      baseImages.push(image);
      const root = join(base, `stage-${stages.length}`);
      mkdirSync(root, { recursive: true });
      stage = { name: as?.toUpperCase() === 'AS' && name ? name : String(stages.length), root, workdir: root };
      stages.push(stage);
      env = {};
      user = 'root';
      cmd = [];
      volumes = [];
      continue;
    }
    if (!stage) throw new Error(`${keyword} before any FROM`);
    switch (keyword) {
      case 'WORKDIR':
        stage.workdir = inStage(args, stage);
        mkdirSync(stage.workdir, { recursive: true });
        break;
      case 'ENV': {
        const match = /^(\w+)[= ](.*)$/.exec(args);
        if (!match) throw new Error(`cannot read ENV ${args}`);
        env[match[1]!] = match[2]!.replace(/^"|"$/g, '');
        break;
      }
      case 'COPY': {
        const parts = args.split(/\s+/);
        const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
        const paths = parts.filter((p) => !p.startsWith('--'));
        const destination = inStage(paths.pop()!, stage);
        for (const source of paths) {
          const target =
            paths.length > 1 || destination.endsWith('/') || source.endsWith('/') || existsSync(destination)
              ? join(destination, source.replace(/^.*\//, '') || '.')
              : destination;
          if (from !== undefined) {
            const origin = stages.find((s) => s.name === from);
            if (!origin) throw new Error(`COPY --from=${from}: no such stage`);
            const path = inStage(source, origin);
            if (!existsSync(path)) throw new Error(`COPY --from=${from} ${source}: the stage has no such file`);
            cpSync(path, destination.endsWith('/') || paths.length > 1 ? target : destination, { recursive: true });
          } else {
            const rel = source.replace(/^\.\/|\/$/g, '');
            const files = [...allowed].filter((file) => file === rel || file.startsWith(`${rel}/`));
            if (files.length === 0) throw new Error(`COPY ${source}: not in the build context (missing, or excluded by .dockerignore)`);
            for (const file of files) {
              const into =
                file === rel
                  ? paths.length > 1 || args.trim().endsWith('/')
                    ? join(destination, file.replace(/^.*\//, ''))
                    : destination
                  : join(destination, relative(rel, file));
              mkdirSync(dirname(into), { recursive: true });
              cpSync(join(context, file), into);
            }
          }
        }
        break;
      }
      case 'RUN':
        execFileSync('bash', ['-euo', 'pipefail', '-c', args], {
          cwd: stage.workdir,
          env: { ...process.env, ...env, ...(npmCache ? { npm_config_cache: npmCache } : {}) },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        break;
      case 'USER':
        user = args;
        break;
      case 'VOLUME':
        for (const path of args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/)) {
          volumes.push(path);
          mkdirSync(inStage(path, stage), { recursive: true });
        }
        break;
      case 'CMD':
        cmd = JSON.parse(args) as string[];
        break;
      default:
        throw new Error(
          `the replay does not know ${keyword}; teach it, or keep the Dockerfile to FROM/WORKDIR/ENV/COPY/RUN/USER/VOLUME/CMD`,
        );
    }
  }
  if (!stage) throw new Error('the Dockerfile has no FROM');
  return { workdir: stage.workdir, env, user, cmd, baseImages, volumes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const image = replayDockerfile(projectRoot, (line) => process.stderr.write(`» ${line}\n`));
  process.stdout.write(`${JSON.stringify(image, null, 2)}\n`);
}
